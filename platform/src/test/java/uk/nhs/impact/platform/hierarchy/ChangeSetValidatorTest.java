package uk.nhs.impact.platform.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;

/** Each rule a change set must meet, one change set breaking it. */
class ChangeSetValidatorTest {
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final LocalDate APRIL_2027 = Changes2027.EFFECTIVE;

    @Test
    void theRealisticChangeSetIsValid() {
        assertThat(ChangeSetValidator.validate(H, Changes2027.set())).isEmpty();
    }

    @Test
    void anEmptySetIsRefused() {
        assertThat(fields(set())).containsExactly("changes");
    }

    @Test
    void closingAnIcbWhoseTrustsAreNotMovedLeavesOrphans() {
        List<FieldError> errors = ChangeSetValidator.validate(H, set(HierarchyChange.close("QRV", APRIL_2027)));

        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.field()).isEqualTo("changes[0].odsCode"));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).startsWith("RYX would have no open ICB on 2027-04-01 (QRV is closed)"));
    }

    @Test
    void closingAnIcbAfterMovingItsTrustsIsValid() {
        List<HierarchyChange> changes = new java.util.ArrayList<>();
        H.trustsOfIcb("QRV", APRIL_2027).forEach(t -> changes.add(HierarchyChange.move(t.odsCode(), "QMJ", APRIL_2027)));
        changes.add(HierarchyChange.close("QRV", APRIL_2027));

        assertThat(ChangeSetValidator.validate(H, set(changes.toArray(HierarchyChange[]::new)))).isEmpty();
    }

    @Test
    void aCycleIsRefused() {
        List<FieldError> errors = ChangeSetValidator.validate(H, set(HierarchyChange.move("Y56", "QMJ", APRIL_2027)));

        assertThat(errors).contains(new FieldError("changes[0].parent", "a region's parent must be X24, not QMJ"));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("changes[0].parent");
            assertThat(e.message()).startsWith("would make a cycle on 2027-04-01").contains("QMJ → Y56 → QMJ");
        });
    }

    @Test
    void aChangeBeforeTheOrganisationOpenedIsRefused() {
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.move("G6V2S", "QRV", LocalDate.of(2024, 6, 1)))))
                .contains(new FieldError("changes[0].effective", "must be after 2024-11-01, when G6V2S opened"));
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.move("RHA", "QT1", LocalDate.of(2022, 7, 1)))))
                .contains(new FieldError("changes[0].effective", "must be after 2022-07-01, the last change of RHA"));
    }

    @Test
    void aClosedOrganisationDoesNotChange() {
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.move("RRP", "QRV", APRIL_2027))))
                .contains(new FieldError("changes[0].odsCode", "RRP closed on 2024-10-31: nothing changes a closed organisation"));
    }

    @Test
    void unknownCodesAreRefused() {
        List<FieldError> errors = ChangeSetValidator.validate(H, set(HierarchyChange.move("RZZZ", "QMJ", APRIL_2027),
                HierarchyChange.move("RHA", "QZZ", APRIL_2027), HierarchyChange.merge("RHA", List.of("RAL", "R0000"), APRIL_2027)));

        assertThat(errors).contains(new FieldError("changes[0].odsCode", "unknown organisation RZZZ"),
                new FieldError("changes[1].parent", "unknown organisation QZZ"),
                new FieldError("changes[2].predecessors[1]", "unknown organisation R0000"));
    }

    @Test
    void aTrustUnderARegionIsRefused() {
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.move("RHA", "Y60", APRIL_2027))))
                .contains(new FieldError("changes[0].parent", "a trust's parent must be an ICB, not Y60"));
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.open("QZZ9", "New ICB", OrgLevel.ICB, null, "QT1", APRIL_2027))))
                .contains(new FieldError("changes[0].parent", "an ICB's parent must be a region, not QT1"));
    }

    @Test
    void anExistingCodeIsNeverOpenedAgain() {
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.open("RAL", "Royal Free", OrgLevel.TRUST, "acute", "QMJ", APRIL_2027))))
                .contains(new FieldError("changes[0].odsCode", "RAL already exists: a code is never reused"));
    }

    @Test
    void aSuccessorMustBeOpenOnTheMergeDate() {
        List<FieldError> errors = ChangeSetValidator.validate(H, set(
                HierarchyChange.open("R1Z9X", "New trust", OrgLevel.TRUST, "acute", "QMJ", APRIL_2027.plusMonths(1)),
                HierarchyChange.merge("R1Z9X", List.of("RAL", "RKE"), APRIL_2027)));

        assertThat(errors).contains(new FieldError("changes[1].odsCode", "the successor R1Z9X is not open on 2027-04-01"));
    }

    @Test
    void onlyOrganisationsOfOneLevelMerge() {
        assertThat(ChangeSetValidator.validate(H, set(HierarchyChange.merge("QMJ", List.of("RAL"), APRIL_2027))))
                .contains(new FieldError("changes[0].predecessors[0]", "RAL is a trust, the successor an ICB: only organisations of one level merge"));
    }

    @Test
    void requiredFieldsAreNamed() {
        assertThat(fields(set(new HierarchyChange(null, "RAL", null, null, null, null, null, APRIL_2027),
                new HierarchyChange(HierarchyChange.Kind.CLOSE, null, null, null, null, null, null, null),
                HierarchyChange.open("R9X9X", "", OrgLevel.TRUST, "teaching", "QMJ", APRIL_2027))))
                .contains("changes[0].kind", "changes[1].odsCode", "changes[1].effective", "changes[2].name", "changes[2].trustType");
    }

    private static List<String> fields(ChangeSet set) {
        return ChangeSetValidator.validate(H, set).stream().map(FieldError::field).toList();
    }

    static ChangeSet set(HierarchyChange... changes) {
        return new ChangeSet(UUID.randomUUID(), "test", List.of(changes), Instant.parse("2027-01-01T00:00:00Z"), "X24");
    }
}
