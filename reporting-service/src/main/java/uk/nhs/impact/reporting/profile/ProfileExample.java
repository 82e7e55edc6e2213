package uk.nhs.impact.reporting.profile;

/** An example profile for the OpenAPI document (shortened). */
final class ProfileExample {
    static final String JSON = """
            {"odsCode": "RHA", "name": "Nottinghamshire Healthcare NHS Foundation Trust", "orgType": "trust",
             "trustType": "mental_health", "icbCode": "QT1", "regionCode": "Y60", "cycle": "2023-24", "previousCycle": "2022-23",
             "referenceDate": "2023-09-30", "sharedAtLeast": "ICB",
             "sections": [
              {"kind": "baseline", "period": "current", "cycle": "2023-24", "source": "baseline-2023", "referenceDate": "2023-08-31",
               "own": "AVAILABLE", "answers": {"leadership_exec_responsibility": true},
               "groups": [{"group": "own", "code": "RHA", "contributors": 1, "suppressed": false,
                           "lines": [{"item": "leadership_exec_responsibility", "option": "yes",
                                      "figure": {"numerator": 1, "denominator": 1, "percentage": 100, "suppressed": false}}]},
                          {"group": "region", "code": "Y60:mental_health", "contributors": 2, "suppressed": true,
                           "suppressionReason": "fewer than 3 organisations that the viewer may not read one by one", "lines": []}]},
              {"kind": "self-assessment", "period": "current", "cycle": "2023-24", "source": "2023-24", "referenceDate": "2023-09-30",
               "own": "NOT_AVAILABLE", "note": "No self-assessment of this organisation for the cycle is available to the caller.",
               "groups": [{"group": "national", "code": "X24:mental_health", "contributors": 12, "suppressed": false,
                           "lines": [{"item": "Q1", "option": "2", "figure": {"numerator": 7, "denominator": 12, "percentage": 58, "suppressed": false}}]}]},
              {"kind": "survey", "period": "previous", "cycle": "2022-23", "own": "NONE", "note": "No survey run has a reference date in this cycle.",
               "groups": []}]}""";

    private ProfileExample() {
    }
}
