package uk.nhs.impact.platform.hierarchy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganisationHierarchyTest {
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final LocalDate AUG_2023 = LocalDate.of(2023, 8, 31);
    private static final LocalDate JAN_2025 = LocalDate.of(2025, 1, 15);

    @Test
    void countsMatchTheReferenceData() {
        assertEquals(7, H.all(OrgLevel.REGION, AUG_2023).size());
        assertEquals(42, H.all(OrgLevel.ICB, AUG_2023).size());
        assertEquals(12, H.all(OrgLevel.DIRECTORATE, AUG_2023).size());
        // 211 trusts in the data; North London NHS FT (G6V2S) opened only in November 2024.
        assertEquals(210, H.all(OrgLevel.TRUST, AUG_2023).size());
    }

    @Test
    void trustRollsUpToItsIcbAndRegion() {
        assertEquals("QT1", H.icbOf("RHA", AUG_2023).orElseThrow());
        assertEquals("Y60", H.regionOf("RHA", AUG_2023).orElseThrow());
        assertEquals("Y60", H.regionOf("QT1", AUG_2023).orElseThrow());
        assertEquals("mental_health", H.find("RHA").orElseThrow().trustType());
        assertTrue(H.isWithin("RHA", "X24", AUG_2023));
        assertFalse(H.isWithin("RHA", "Y56", AUG_2023));
    }

    @Test
    void in2023TheNorthLondonMentalHealthTrustsWereSeparate() {
        List<String> qmj = H.trustsOfIcb("QMJ", AUG_2023).stream().map(Organisation::odsCode).toList();
        assertTrue(qmj.contains("RRP"), "Barnet, Enfield and Haringey was open in 2023");
        assertTrue(qmj.contains("TAF"), "Camden and Islington was open in 2023");
        assertFalse(qmj.contains("G6V2S"), "North London NHS FT did not exist yet");
        assertEquals("QMJ", H.icbOf("RRP", AUG_2023).orElseThrow());
    }

    @Test
    void afterThe2024MergersTheSuccessorReplacesThem() {
        List<String> qmj = H.trustsOfIcb("QMJ", JAN_2025).stream().map(Organisation::odsCode).toList();
        assertTrue(qmj.contains("G6V2S"));
        assertFalse(qmj.contains("RRP"));
        assertFalse(qmj.contains("RAP"), "North Middlesex closed at the end of 2024");
        assertTrue(H.find("RAP", LocalDate.of(2024, 12, 31)).isPresent());
        assertTrue(H.find("RRP", JAN_2025).isEmpty());
        assertTrue(H.icbOf("RRP", JAN_2025).isEmpty());
        assertTrue(H.find("R1C", LocalDate.of(2024, 9, 30)).isPresent(), "Solent's last day");
        assertTrue(H.find("R1C", LocalDate.of(2024, 10, 1)).isEmpty());
        assertFalse(H.find("TAF").orElseThrow().closeDateConfirmed());
        assertEquals(H.trustsOfIcb("QMJ", AUG_2023).size() - 2, H.trustsOfIcb("QMJ", JAN_2025).size());
    }

    @Test
    void directoratesHaveProjectDefinedCodesUnderNhsEngland() {
        assertEquals("X24", H.parentOf("X24-DIR-MEDICAL", AUG_2023).orElseThrow());
        assertEquals(OrgLevel.DIRECTORATE, H.find("X24-DIR-MEDICAL").orElseThrow().level());
    }

    @Test
    void dateFormatsInTheDataAreRead() {
        assertEquals(LocalDate.of(2024, 10, 31), OrganisationHierarchy.parseDate("UNCONFIRMED (c. 2024-10-31)", null));
        assertEquals(LocalDate.of(2001, 4, 1), OrganisationHierarchy.parseDate("20010401", null));
    }
}
