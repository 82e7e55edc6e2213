package uk.nhs.impact.platform.web;

import jakarta.ws.rs.core.EntityTag;
import uk.nhs.impact.platform.problem.ProblemException;

/** Strong ETags from an entity's version number, and the If-Match check every update makes. */
public final class ETags {
    public static final String IF_MATCH = "If-Match";

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Passes when {@code ifMatch} names the current version (or is {@code *});
     * missing is 428, stale is 412.
     */
    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        String current = Long.toString(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return;
            }
            if (tag.startsWith("W/")) {
                continue; // weak tags never match for If-Match (RFC 9110 §13.1.1)
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") && tag.substring(1, tag.length() - 1).equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("If-Match " + ifMatch + " does not match the current version \"" + current
                + "\"; read the resource again");
    }
}
