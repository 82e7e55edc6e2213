package uk.nhs.impact.survey.run;

import uk.nhs.impact.platform.web.Params;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.survey.RunChanged;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.ETags;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.survey.instrument.SurveyCatalogue;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/api/v1/survey-runs")
@Tag(name = "Survey runs", description = "Collection windows: a survey version, open and close times, and which organisation types may "
        + "respond. Outside the window responses are refused with the dates; closing is final.")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    /** instrument-admin counts only at NHS England (X24): a token carrying it for any other organisation is refused. */
    private static final String ADMIN_ONLY = "This is for NHS England administrators (instrument-admin at X24)";
    private static final Set<String> ORG_TYPES = Set.of("trust", "icb", "region", "directorate");

    private final SurveyCatalogue catalogue;
    private final IdempotentCreate idempotent;
    private final Outbox outbox;
    private final OrgScope scope;
    private final uk.nhs.impact.platform.audit.AuditTrail audit;

    public RunResource(SurveyCatalogue catalogue, IdempotentCreate idempotent, Outbox outbox, OrgScope scope,
                       uk.nhs.impact.platform.audit.AuditTrail audit) {
        this.catalogue = catalogue;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.scope = scope;
        this.audit = audit;
    }

    public record NewRun(@NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,59}", message = "must be 3 to 60 lower-case letters, digits or dashes") String id,
                         @NotBlank @Size(max = 200) String name,
                         @NotBlank @Size(max = 60) String instrumentId,
                         @NotNull @Min(1) @Max(1000) Integer instrumentVersion,
                         @NotNull LocalDate referenceDate,
                         @NotNull Instant opensAt,
                         @NotNull Instant closesAt,
                         @NotEmpty @Size(max = 4) List<@NotBlank @Size(max = 20) String> organisationTypes) {
    }

    public record Extension(@NotNull Instant closesAt) {
    }

    public record RunView(String id, String name, String instrumentId, int instrumentVersion, LocalDate referenceDate, Instant opensAt,
                          Instant closesAt, boolean closed, List<String> organisationTypes, boolean acceptingResponses) {
        static RunView of(SurveyRun r) {
            return new RunView(r.id, r.name, r.instrumentId, r.instrumentVersion, r.referenceDate, r.opensAt, r.closesAt, r.closed,
                    r.organisationTypes(), r.acceptsResponsesAt(Instant.now()));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Open a run of a published survey version (instrument-admin)")
    @APIResponse(responseCode = "201", description = "Created; replays of the same Idempotency-Key return this response")
    @APIResponse(responseCode = "400", description = "Invalid fields, an unpublished version, closesAt not after opensAt, unknown organisation types")
    @APIResponse(responseCode = "409", description = "A run with this id exists")
    public Uni<Response> open(@Size(max = Params.IDEMPOTENCY_KEY_MAX) @HeaderParam(IdempotentCreate.HEADER) String key, @Valid @NotNull NewRun body) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
        if (!body.closesAt().isAfter(body.opensAt())) {
            throw ProblemException.validation("closesAt", "must be after opensAt");
        }
        for (String type : body.organisationTypes()) {
            if (!ORG_TYPES.contains(type)) {
                throw ProblemException.validation("organisationTypes", type + " is not one of " + ORG_TYPES);
            }
        }
        return idempotent.create(key, scope.orgCode() + ":survey-runs", body, () ->
                catalogue.published(body.instrumentId(), body.instrumentVersion(), "instrumentVersion")
                        .chain(instrument -> SurveyRun.<SurveyRun>findById(body.id()))
                        .chain(existing -> {
                            if (existing != null) {
                                throw ProblemException.conflict("Survey run " + body.id() + " already exists");
                            }
                            SurveyRun r = new SurveyRun();
                            r.id = body.id();
                            r.name = body.name();
                            r.instrumentId = body.instrumentId();
                            r.instrumentVersion = body.instrumentVersion();
                            r.referenceDate = body.referenceDate();
                            r.opensAt = body.opensAt();
                            r.closesAt = body.closesAt();
                            r.orgTypes = String.join(",", body.organisationTypes());
                            r.createdAt = Instant.now();
                            return r.<SurveyRun>persist();
                        })
                        .call(r -> outbox.append(Topics.SURVEY, EventTypes.SURVEY_RUN_OPENED, OrganisationHierarchy.NHS_ENGLAND, changed(r)))
                        .call(r -> audit.record(OrganisationHierarchy.NHS_ENGLAND, "survey-run", r.id, "OPENED", null))
                        .call(r -> Panache.getSession().chain(s -> s.flush()))
                        .map(r -> new Created(URI.create("/api/v1/survey-runs/" + r.id), RunView.of(r), r.version)));
    }

    @GET
    @Authenticated
    @Operation(summary = "Survey runs in order of id, a page at a time")
    public Uni<Page<RunView>> list(@Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after, @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        String afterId = Cursors.decode(after);
        return Panache.withSession(() -> (afterId == null
                ? SurveyRun.<SurveyRun>find("order by id")
                : SurveyRun.<SurveyRun>find("id > ?1 order by id", afterId)).page(0, size + 1).list())
                .map(rows -> {
                    Page<SurveyRun> page = Page.of(rows, size, r -> r.id);
                    return new Page<>(page.items().stream().map(RunView::of).toList(), page.next());
                });
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One run")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Response> read(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id) {
        return Panache.withSession(() -> SurveyRun.<SurveyRun>findById(id)).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("Survey run " + id);
            }
            return Response.ok(RunView.of(r)).tag(ETags.of(r.version)).build();
        });
    }

    @POST
    @Path("{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Move the close date later (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Close date extended; new ETag", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "closesAt is not later than the current close")
    @APIResponse(responseCode = "409", description = "The run is closed")
    public Uni<Response> extend(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull Extension body) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
        return change(id, ifMatch, "EXTENDED", r -> {
            if (!body.closesAt().isAfter(r.closesAt)) {
                throw ProblemException.validation("closesAt", "must be later than the current close, " + r.closesAt);
            }
            r.closesAt = body.closesAt();
            return Uni.createFrom().voidItem();
        });
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Close the run for good (instrument-admin)")
    @APIResponse(responseCode = "200", description = "Closed; new ETag", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "Already closed")
    public Uni<Response> close(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("id") String id, @Size(max = Params.ETAG_MAX) @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
        return change(id, ifMatch, "CLOSED", r -> {
            r.closed = true;
            return outbox.append(Topics.SURVEY, EventTypes.SURVEY_RUN_CLOSED, OrganisationHierarchy.NHS_ENGLAND, changed(r)).replaceWithVoid();
        });
    }

    private Uni<Response> change(String id, String ifMatch, String what, java.util.function.Function<SurveyRun, Uni<Void>> action) {
        return Panache.withTransaction(() -> SurveyRun.<SurveyRun>findById(id).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("Survey run " + id);
            }
            ETags.require(ifMatch, r.version);
            if (r.closed) {
                throw ProblemException.conflict("Survey run " + id + " is closed, which is final",
                        Map.of("closesAt", r.closesAt.toString(), "closed", true));
            }
            return action.apply(r).chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> audit.record(OrganisationHierarchy.NHS_ENGLAND, "survey-run", r.id, what, "closes " + r.closesAt)).replaceWith(r);
        })).map(r -> Response.ok(RunView.of(r)).tag(ETags.of(r.version)).build());
    }

    private static RunChanged changed(SurveyRun r) {
        return new RunChanged(r.id, r.name, r.instrumentId, r.instrumentVersion, r.referenceDate, r.opensAt, r.closesAt,
                r.organisationTypes(), r.closed);
    }
}
