package uk.nhs.impact.organisation;

import java.util.List;
import java.util.Map;

/** Change sets the tests load, as the JSON an administrator sends. */
final class ChangeSets {
    static final String PATH = "/api/v1/organisations/change-sets";

    private ChangeSets() {
    }

    /**
     * Changes effective 1 April 2027, so that today's hierarchy, which the other tests read, is unchanged: North Central
     * London (QMJ) and North West London (QRV) ICBs merge into a new NHS West and North London ICB (Z9B2Z); the Royal Free
     * (RAL) and the Whittington (RKE) merge into a new trust (R1Z9X); Sandwell and West Birmingham (RXK) moves from
     * Birmingham and Solihull (QHL) to the Black Country (QUA).
     */
    static final String APRIL_2027 = """
            {"reference": "ICB mergers and trust changes from April 2027", "changes": [
              {"kind": "OPEN", "odsCode": "Z9B2Z", "name": "NHS West and North London ICB", "level": "ICB", "parent": "Y56", "effective": "2027-04-01"},
              {"kind": "MERGE", "odsCode": "Z9B2Z", "predecessors": ["QMJ", "QRV"], "effective": "2027-04-01"},
              {"kind": "OPEN", "odsCode": "R1Z9X", "name": "Royal Free and Whittington NHS Foundation Trust", "level": "TRUST",
               "trustType": "acute", "parent": "Z9B2Z", "effective": "2027-04-01"},
              {"kind": "MERGE", "odsCode": "R1Z9X", "predecessors": ["RAL", "RKE"], "effective": "2027-04-01"},
              {"kind": "MOVE", "odsCode": "RXK", "parent": "QUA", "effective": "2027-04-01"}
            ]}""";

    /** A harmless set: one new trust under QT1 from 2099, its code and reference made from {@code code}. */
    static Map<String, Object> openTrustIn2099(String code) {
        return Map.of("reference", "New trust " + code, "changes", List.of(Map.of("kind", "OPEN", "odsCode", code,
                "name", "Test trust " + code, "level", "TRUST", "trustType", "community", "parent", "QT1", "effective", "2099-01-01")));
    }
}
