package uk.nhs.impact.reporting.audit;

import java.util.List;
import java.util.Set;

/** A caller of the report API: a token's organisation and realm roles. */
public record Caller(String name, String org, Set<String> roles) {

    /**
     * The callers of the access matrix (system-tests/src/test/resources/access/matrix.csv; its machine client {@code own-system}
     * carries the same organisation and roles as {@code own-submitter}), plus a region's staff without the analyst role and a
     * national directorate's.
     */
    public static List<Caller> accessMatrix() {
        return List.of(
                new Caller("own-submitter", "RHA", Set.of("submitter", "viewer")),
                new Caller("own-viewer", "RHA", Set.of("viewer")),
                new Caller("sibling-trust", "RK5", Set.of("submitter", "viewer")),
                new Caller("other-trust", "R0A", Set.of("submitter", "viewer")),
                new Caller("parent-icb", "QT1", Set.of("icb-oversight", "submitter", "viewer")),
                new Caller("other-icb", "QUA", Set.of("icb-oversight", "submitter", "viewer")),
                new Caller("parent-region", "Y60", Set.of("region-analyst", "viewer")),
                new Caller("other-region", "Y62", Set.of("region-analyst", "viewer")),
                new Caller("national", "X24", Set.of("national-analyst")),
                new Caller("admin", "X24", Set.of("instrument-admin")),
                new Caller("trust-as-region", "RHA", Set.of("region-analyst")),
                new Caller("region-no-analyst", "Y60", Set.of("submitter", "viewer")),
                new Caller("directorate", "X24-DIR-MEDICAL", Set.of("submitter", "viewer")));
    }

    public String describe() {
        return org + " " + String.join("+", new java.util.TreeSet<>(roles));
    }
}
