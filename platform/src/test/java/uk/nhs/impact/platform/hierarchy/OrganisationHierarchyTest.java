package uk.nhs.impact.platform.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganisationHierarchyTest {
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final LocalDate AUG_2023 = LocalDate.of(2023, 8, 31);
    private static final LocalDate JAN_2025 = LocalDate.of(2025, 1, 15);

    @Test
    void countsMatchTheReferenceData() {
        assertThat(H.all(OrgLevel.REGION, AUG_2023)).hasSize(7);
        assertThat(H.all(OrgLevel.ICB, AUG_2023)).hasSize(42);
        assertThat(H.all(OrgLevel.DIRECTORATE, AUG_2023)).hasSize(12);
        // 211 trusts in the data; North London NHS FT (G6V2S) opened only in November 2024.
        assertThat(H.all(OrgLevel.TRUST, AUG_2023)).hasSize(210);
    }

    @Test
    void trustRollsUpToItsIcbAndRegion() {
        assertThat(H.icbOf("RHA", AUG_2023).orElseThrow()).isEqualTo("QT1");
        assertThat(H.regionOf("RHA", AUG_2023).orElseThrow()).isEqualTo("Y60");
        assertThat(H.regionOf("QT1", AUG_2023).orElseThrow()).isEqualTo("Y60");
        assertThat(H.find("RHA").orElseThrow().trustType()).isEqualTo("mental_health");
        assertThat(H.isWithin("RHA", "X24", AUG_2023)).isTrue();
        assertThat(H.isWithin("RHA", "Y56", AUG_2023)).isFalse();
    }

    @Test
    void in2023TheNorthLondonMentalHealthTrustsWereSeparate() {
        List<String> qmj = H.trustsOfIcb("QMJ", AUG_2023).stream().map(Organisation::odsCode).toList();
        assertThat(qmj).as("Barnet, Enfield and Haringey was open in 2023").contains("RRP");
        assertThat(qmj).as("Camden and Islington was open in 2023").contains("TAF");
        assertThat(qmj).as("North London NHS FT did not exist yet").doesNotContain("G6V2S");
        assertThat(H.icbOf("RRP", AUG_2023).orElseThrow()).isEqualTo("QMJ");
    }

    @Test
    void afterThe2024MergersTheSuccessorReplacesThem() {
        List<String> qmj = H.trustsOfIcb("QMJ", JAN_2025).stream().map(Organisation::odsCode).toList();
        assertThat(qmj).contains("G6V2S");
        assertThat(qmj).doesNotContain("RRP");
        assertThat(qmj).as("North Middlesex closed at the end of 2024").doesNotContain("RAP");
        assertThat(H.find("RAP", LocalDate.of(2024, 12, 31))).isPresent();
        assertThat(H.find("RRP", JAN_2025)).isEmpty();
        assertThat(H.icbOf("RRP", JAN_2025)).isEmpty();
        assertThat(H.find("R1C", LocalDate.of(2024, 9, 30))).as("Solent's last day").isPresent();
        assertThat(H.find("R1C", LocalDate.of(2024, 10, 1))).isEmpty();
        assertThat(H.find("TAF").orElseThrow().closeDateConfirmed()).isFalse();
        assertThat(H.trustsOfIcb("QMJ", JAN_2025)).hasSize(H.trustsOfIcb("QMJ", AUG_2023).size() - 2);
    }

    @Test
    void directoratesHaveProjectDefinedCodesUnderNhsEngland() {
        assertThat(H.parentOf("X24-DIR-MEDICAL", AUG_2023).orElseThrow()).isEqualTo("X24");
        assertThat(H.find("X24-DIR-MEDICAL").orElseThrow().level()).isEqualTo(OrgLevel.DIRECTORATE);
    }

    @Test
    void dateFormatsInTheDataAreRead() {
        assertThat(OrganisationHierarchy.parseDate("UNCONFIRMED (c. 2024-10-31)", null)).isEqualTo(LocalDate.of(2024, 10, 31));
        assertThat(OrganisationHierarchy.parseDate("20010401", null)).isEqualTo(LocalDate.of(2001, 4, 1));
    }
}
