package uk.nhs.impact.platform.instrument;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;

/**
 * What the instrument-version endpoints of a service do, once for every kind of instrument: list instruments and
 * versions, read one version with its ETag, and let NHS England's instrument admins draft, replace and publish versions.
 * {@link InstrumentVersionsResource} declares them over HTTP and hands each call here.
 *
 * @param <D> the service's instrument definition
 * @param <V> the body answered for one version
 */
public final class InstrumentEndpoints<D, V> {
    /** instrument-admin counts only at NHS England (X24): a token carrying it for any other organisation is refused. */
    static final String ADMIN_ONLY = "This is for NHS England administrators (instrument-admin at X24)";
    private static final String INSTRUMENT_ID = "[a-z0-9][a-z0-9-]{2,59}";

    public record VersionSummary(int version, String status, String label, Instant publishedAt) {
    }

    public record InstrumentSummary(String instrumentId, List<VersionSummary> versions) {
    }

    private final VersionedInstruments<D> catalogue;
    private final IdempotentCreate idempotent;
    private final OrgScope scope;
    private final String basePath;
    private final String idempotencyScope;
    private final Function<D, String> label;
    private final Function<VersionedInstruments.Entry<D>, V> view;

    /**
     * @param basePath         the resource's path, for the Location of a new version
     * @param idempotencyScope what Idempotency-Keys of drafts are kept under (with the caller's organisation and instrument)
     * @param label            the definition's label, for summaries
     * @param view             the body answered for one version
     */
    public InstrumentEndpoints(VersionedInstruments<D> catalogue, IdempotentCreate idempotent, OrgScope scope, String basePath,
            String idempotencyScope, Function<D, String> label, Function<VersionedInstruments.Entry<D>, V> view) {
        this.catalogue = catalogue;
        this.idempotent = idempotent;
        this.scope = scope;
        this.basePath = basePath;
        this.idempotencyScope = idempotencyScope;
        this.label = label;
        this.view = view;
    }

    /** Every instrument with its versions. */
    public Uni<List<InstrumentSummary>> list() {
        return catalogue.instrumentIds().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> catalogue.versions(id).map(vs -> new InstrumentSummary(id, summaries(vs))))
                .collect().asList());
    }

    /** The versions of one instrument, oldest first; 404 when there are none. */
    public Uni<List<VersionSummary>> versions(String instrumentId) {
        return catalogue.versions(instrumentId).map(vs -> {
            if (vs.isEmpty()) {
                throw ProblemException.notFound("Instrument " + instrumentId);
            }
            return summaries(vs);
        });
    }

    /** One version with its ETag; 404 when there is none. */
    public Uni<RestResponse<V>> version(String instrumentId, int version) {
        return catalogue.find(instrumentId, version).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("Version " + version + " of " + instrumentId);
            }
            return ok(e);
        });
    }

    /** A new draft numbered after the latest version: 201 with its Location; replays of an Idempotency-Key answer the same. */
    public Uni<Response> draft(String instrumentId, String idempotencyKey, D body) {
        requireAdmin();
        if (!instrumentId.matches(INSTRUMENT_ID)) {
            throw ProblemException.validation("instrumentId", "must be 3 to 60 lower-case letters, digits or dashes");
        }
        return idempotent.create(idempotencyKey, scope.orgCode() + ":" + idempotencyScope + ":" + instrumentId, body,
                () -> catalogue.createDraft(instrumentId, body)
                        .map(e -> new Created(URI.create(basePath + "/" + instrumentId + "/versions/" + e.number()), view.apply(e), e.etag())));
    }

    /** Replaces a draft's definition (If-Match); published versions are immutable (409). */
    public Uni<RestResponse<V>> update(String instrumentId, int version, String ifMatch, D body) {
        requireAdmin();
        return catalogue.updateDraft(instrumentId, version, body, ifMatch).map(this::ok);
    }

    /** Publishes a draft (If-Match): from then on it can be used and never changes. */
    public Uni<RestResponse<V>> publish(String instrumentId, int version, String ifMatch) {
        requireAdmin();
        return catalogue.publish(instrumentId, version, ifMatch).map(this::ok);
    }

    private void requireAdmin() {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
    }

    private RestResponse<V> ok(VersionedInstruments.Entry<D> e) {
        return RestResponse.ResponseBuilder.ok(view.apply(e)).tag(ETags.of(e.etag())).build();
    }

    private List<VersionSummary> summaries(List<VersionedInstruments.Entry<D>> versions) {
        return versions.stream().map(v -> new VersionSummary(v.number(), v.status().name(), label.apply(v.definition()), v.publishedAt()))
                .toList();
    }
}
