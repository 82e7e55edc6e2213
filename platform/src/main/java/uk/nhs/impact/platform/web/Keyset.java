package uk.nhs.impact.platform.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * A place in a list ordered by creation time then id, the order every list endpoint pages in. It travels as an opaque
 * cursor ({@link Cursors}); one that does not parse is a 400 naming {@code after}.
 */
public record Keyset(Instant createdAt, UUID id) {
    /** The JPQL condition for rows after this place; bind its parameters with {@link #bind(Map)}. */
    public static final String AFTER = "(createdAt > :afterAt or (createdAt = :afterAt and id > :afterId))";
    /** The order that goes with it. */
    public static final String ORDER = " order by createdAt, id";

    /** The place a cursor names, or null for the first page. */
    public static Keyset after(String cursor) {
        String key = Cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\|", 2);
        try {
            return new Keyset(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.validation("after", "is not a cursor this API returned");
        }
    }

    /** The cursor for the page that starts after this place. */
    public String cursor() {
        return Cursors.encode(createdAt + "|" + id);
    }

    public void bind(Map<String, Object> params) {
        params.put("afterAt", createdAt);
        params.put("afterId", id);
    }
}
