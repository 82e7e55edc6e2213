package uk.nhs.impact.reporting;

/** Example responses of the views, for the OpenAPI document (shortened; figures as the seeds publish them). */
public final class ViewExamples {
    public static final String HEADLINE = """
            {"collectionId": "baseline-2023", "area": "X24", "referenceDate": "2023-08-31",
             "orgTypes": [{"orgType": "trust", "returns": 200, "measures": [
               {"domain": "leadership", "question": "leadership_exec_responsibility",
                "figure": {"numerator": 192, "denominator": 200, "percentage": 96, "suppressed": false}},
               {"domain": "tools", "question": "tools_improvement_methods",
                "figure": {"numerator": 190, "denominator": 200, "percentage": 95, "suppressed": false}}]}],
             "methods": [{"rank": 1, "method": "QSIR", "figure": {"numerator": 120, "denominator": 190, "percentage": 63, "suppressed": false}}]}""";

    public static final String COMPLETENESS = """
            {"collectionId": "baseline-2023", "area": "QT1", "referenceDate": "2023-08-31",
             "total": {"code": "QT1", "name": "NHS Nottingham and Nottinghamshire ICB", "orgType": "icb",
                       "submitted": {"numerator": 4, "denominator": 5, "percentage": 80, "suppressed": false},
                       "awaitingReview": {"numerator": 1, "denominator": 4, "percentage": 25, "suppressed": false},
                       "accepted": {"numerator": 2, "denominator": 4, "percentage": 50, "suppressed": false},
                       "returned": {"numerator": 1, "denominator": 4, "percentage": 25, "suppressed": false}},
             "byOrgType": [{"code": "icb", "orgType": "icb",
                            "submitted": {"numerator": 1, "denominator": 1, "percentage": 100, "suppressed": false},
                            "awaitingReview": {"numerator": 0, "denominator": 1, "percentage": 0, "suppressed": false},
                            "accepted": {"numerator": 1, "denominator": 1, "percentage": 100, "suppressed": false},
                            "returned": {"numerator": 0, "denominator": 1, "percentage": 0, "suppressed": false}},
                           {"code": "trust", "orgType": "trust",
                            "submitted": {"numerator": 3, "denominator": 4, "percentage": 75, "suppressed": false},
                            "awaitingReview": {"numerator": 1, "denominator": 3, "percentage": 33, "suppressed": false},
                            "accepted": {"numerator": 1, "denominator": 3, "percentage": 33, "suppressed": false},
                            "returned": {"numerator": 1, "denominator": 3, "percentage": 33, "suppressed": false}}],
             "byIcb": [{"code": "QT1", "name": "NHS Nottingham and Nottinghamshire ICB", "orgType": "icb",
                        "submitted": {"numerator": 4, "denominator": 5, "percentage": 80, "suppressed": false},
                        "awaitingReview": {"numerator": 1, "denominator": 4, "percentage": 25, "suppressed": false},
                        "accepted": {"numerator": 2, "denominator": 4, "percentage": 50, "suppressed": false},
                        "returned": {"numerator": 1, "denominator": 4, "percentage": 25, "suppressed": false}}],
             "byRegion": [],
             "submitted": [{"odsCode": "QT1", "name": "NHS Nottingham and Nottinghamshire ICB", "orgType": "icb", "icbOdsCode": "QT1",
                            "regionOdsCode": "Y60", "reviewState": "ACCEPTED"},
                           {"odsCode": "RHA", "name": "Nottinghamshire Healthcare NHS Foundation Trust", "orgType": "trust",
                            "icbOdsCode": "QT1", "regionOdsCode": "Y60", "reviewState": "RETURNED"}],
             "notSubmitted": [{"odsCode": "RX9", "name": "East Midlands Ambulance Service NHS Trust", "orgType": "trust",
                               "icbOdsCode": "QT1", "regionOdsCode": "Y60"}]}""";

    public static final String SURVEY = """
            {"runId": "improvement-2023", "area": "X24", "referenceDate": "2023-08-31", "unit": "respondents",
             "meta": {"respondents": 129, "trusts": 95, "coverage": {"numerator": 95, "denominator": 210, "percentage": 45, "suppressed": false}},
             "questions": [{"code": "Q2_trust_alignment", "kind": "single_choice",
               "answered": {"numerator": 99, "denominator": 129, "percentage": 77, "suppressed": false},
               "options": [{"code": "fully", "figure": {"numerator": 32, "denominator": 99, "percentage": 32, "suppressed": false}},
                           {"code": "mostly", "figure": {"numerator": 42, "denominator": 99, "percentage": 42, "suppressed": false}}],
               "combined": [{"code": "fully+mostly", "figure": {"numerator": 74, "denominator": 99, "percentage": 75, "suppressed": false}}],
               "comments": []}]}""";

    public static final String DISTRIBUTION = """
            {"cycle": "2023-24", "area": "X24", "sharedAtLeast": "NATIONAL", "organisations": 36,
             "components": [{"code": "C2", "component": "C2", "distribution": {"answers": 144, "median": 1.5, "suppressed": false,
               "levels": [{"level": 1, "figure": {"numerator": 72, "denominator": 144, "percentage": 50, "suppressed": false}},
                          {"level": 2, "figure": {"numerator": 72, "denominator": 144, "percentage": 50, "suppressed": false}}]}}],
             "questions": []}""";

    public static final String POSITION = """
            {"cycle": "2023-24", "odsCode": "RHA", "peerGroup": "trust_type", "peerGroupCode": "mental_health",
             "peersSharedAtLeast": "NATIONAL", "peers": 12, "suppressed": false,
             "components": [{"code": "C2", "component": "C2", "own": 1.5, "position": "BELOW",
               "peerDistribution": {"answers": 48, "median": 2, "suppressed": false,
                 "levels": [{"level": 2, "figure": {"numerator": 48, "denominator": 48, "percentage": 100, "suppressed": false}}]}}],
             "questions": []}""";

    public static final String TREND = """
            {"measure": "C1 median level", "area": "X24", "predecessors": "as-filed",
             "points": [{"period": "2023-24", "referenceDate": "2023-08-31", "medianLevel": 1, "organisations": 36},
                        {"period": "2024-25", "referenceDate": "2024-08-31", "medianLevel": 2, "organisations": 41}]}""";

    private ViewExamples() {
    }
}
