package uk.nhs.impact.platform.idempotency;

import java.net.URI;

/** What a creating POST made: where it lives, its representation and version (for the ETag). */
public record Created(URI location, Object body, long version) {
}
