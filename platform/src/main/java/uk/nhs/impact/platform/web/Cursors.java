package uk.nhs.impact.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import uk.nhs.impact.platform.problem.ProblemException;

/** Opaque paging cursors and the {@code limit} rule shared by every list endpoint. */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside a cursor; null for the first page. A cursor that is not ours is a 400 naming {@code after}. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("after", "is not a cursor this API returned");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.validation("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
