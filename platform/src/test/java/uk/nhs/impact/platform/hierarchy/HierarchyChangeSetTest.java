package uk.nhs.impact.platform.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hierarchy with the 2027 change set applied: every lookup before and after the effective date. */
class HierarchyChangeSetTest {
    private static final OrganisationHierarchy BASE = OrganisationHierarchy.loadBundled();
    private static final ChangeSet SET = Changes2027.set();
    private static final OrganisationHierarchy H = BASE.with(SET);
    private static final LocalDate BEFORE = Changes2027.BEFORE;
    private static final LocalDate AFTER = Changes2027.EFFECTIVE;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void theBaseIsUnchangedAndTodaysHierarchyIsTheSame() {
        assertThat(BASE.find("Z9B2Z")).isEmpty();
        assertThat(BASE.changeSets()).isEmpty();
        assertThat(H.changeSets()).containsExactly(SET);
        for (OrgLevel level : OrgLevel.values()) {
            assertThat(codes(H.all(level, TODAY))).as(level.name()).isEqualTo(codes(BASE.all(level, TODAY)));
        }
        assertThat(codes(H.trustsOfIcb("QMJ", BEFORE))).isEqualTo(codes(BASE.trustsOfIcb("QMJ", BEFORE)));
        assertThat(H.icbOf("RXK", TODAY)).isEqualTo(BASE.icbOf("RXK", TODAY));
    }

    @Test
    void twoIcbsMergeIntoOne() {
        List<String> qmjTrusts = codes(BASE.trustsOfIcb("QMJ", BEFORE));
        List<String> qrvTrusts = codes(BASE.trustsOfIcb("QRV", BEFORE));

        assertThat(H.find("QMJ", BEFORE)).isPresent();
        assertThat(H.find("QMJ", AFTER)).isEmpty();
        assertThat(H.find("QMJ").orElseThrow().validTo()).isEqualTo(BEFORE);
        assertThat(H.find("Z9B2Z", BEFORE)).isEmpty();
        assertThat(H.find("Z9B2Z", AFTER).orElseThrow().level()).isEqualTo(OrgLevel.ICB);
        assertThat(H.parentOf("Z9B2Z", AFTER)).contains("Y56");
        assertThat(codes(H.icbsOfRegion("Y56", AFTER))).contains("Z9B2Z").doesNotContain("QMJ", "QRV");
        assertThat(H.icbsOfRegion("Y56", AFTER)).hasSize(H.icbsOfRegion("Y56", BEFORE).size() - 1);

        List<String> merged = codes(H.trustsOfIcb("Z9B2Z", AFTER));
        assertThat(merged).containsAll(qrvTrusts).contains("R1Z9X").doesNotContain("RAL", "RKE");
        assertThat(merged).hasSize(qmjTrusts.size() + qrvTrusts.size() - 1);
        assertThat(H.childrenOf("QMJ", AFTER)).isEmpty();
        assertThat(H.icbOf("RYX", BEFORE)).contains("QRV");
        assertThat(H.icbOf("RYX", AFTER)).contains("Z9B2Z");
        assertThat(H.regionOf("RYX", AFTER)).contains("Y56");
        assertThat(H.isWithin("RYX", "Z9B2Z", AFTER)).isTrue();
        assertThat(H.isWithin("RYX", "Z9B2Z", BEFORE)).isFalse();
        assertThat(H.predecessorsOf("Z9B2Z")).containsExactlyInAnyOrder(new Succession("QMJ", "Z9B2Z", AFTER),
                new Succession("QRV", "Z9B2Z", AFTER));
        assertThat(H.parentLinksOf("RYX")).extracting(ParentLink::parent).containsExactly("QRV", "Z9B2Z");
        assertThat(H.parentLinksOf("RYX").get(0).validTo()).isEqualTo(BEFORE);
    }

    @Test
    void twoTrustsMergeIntoANewTrust() {
        assertThat(H.find("RAL", BEFORE)).isPresent();
        assertThat(H.find("RAL", AFTER)).isEmpty();
        assertThat(H.icbOf("RAL", BEFORE)).contains("QMJ");
        assertThat(H.icbOf("RAL", AFTER)).isEmpty();
        assertThat(H.find("R1Z9X", AFTER).orElseThrow().trustType()).isEqualTo("acute");
        assertThat(H.icbOf("R1Z9X", AFTER)).contains("Z9B2Z");
        assertThat(H.regionOf("R1Z9X", AFTER)).contains("Y56");
        assertThat(H.icbOf("R1Z9X", BEFORE)).isEmpty();
        assertThat(H.successorsOf("RAL")).containsExactly(new Succession("RAL", "R1Z9X", AFTER));
        assertThat(H.predecessorsOf("R1Z9X")).extracting(Succession::predecessor).containsExactlyInAnyOrder("RAL", "RKE");
        assertThat(H.latestSuccessorOf("RAL", AFTER)).contains("R1Z9X");
        assertThat(H.latestSuccessorOf("RAL", BEFORE)).isEmpty();
        assertThat(H.latestSuccessorOf("RHA", AFTER)).isEmpty();
        assertThat(H.parentLinksOf("RAL")).extracting(ParentLink::parent).containsExactly("QMJ");
    }

    @Test
    void aTrustMovesIcb() {
        assertThat(H.icbOf("RXK", BEFORE)).contains("QHL");
        assertThat(H.icbOf("RXK", AFTER)).contains("QUA");
        assertThat(H.regionOf("RXK", AFTER)).contains("Y60");
        assertThat(codes(H.trustsOfIcb("QUA", AFTER))).contains("RXK");
        assertThat(codes(H.trustsOfIcb("QHL", AFTER))).doesNotContain("RXK");
        assertThat(codes(H.trustsOfIcb("QHL", BEFORE))).contains("RXK");
        assertThat(H.parentLinksOf("RXK")).extracting(ParentLink::parent, ParentLink::validTo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("QHL", BEFORE), org.assertj.core.groups.Tuple.tuple("QUA", null));
    }

    @Test
    void chainsOfMergersAreFollowedUpToTheDate() {
        LocalDate later = LocalDate.of(2028, 4, 1);
        ChangeSet second = new ChangeSet(java.util.UUID.randomUUID(), "2028", List.of(
                HierarchyChange.open("R2Y8W", "Northern Partners NHS Trust", OrgLevel.TRUST, "acute", "Z9B2Z", later),
                HierarchyChange.merge("R2Y8W", List.of("R1Z9X", "RYX"), later)), java.time.Instant.now(), "X24");
        assertThat(ChangeSetValidator.validate(H, second)).isEmpty();
        OrganisationHierarchy h2 = H.with(second);

        assertThat(h2.latestSuccessorOf("RAL", AFTER)).contains("R1Z9X");
        assertThat(h2.latestSuccessorOf("RAL", later)).contains("R2Y8W");
        assertThat(h2.latestSuccessorOf("R1Z9X", later)).contains("R2Y8W");
        assertThat(h2.changeSets()).containsExactly(SET, second);
    }

    private static List<String> codes(List<Organisation> orgs) {
        return orgs.stream().map(Organisation::odsCode).toList();
    }
}
