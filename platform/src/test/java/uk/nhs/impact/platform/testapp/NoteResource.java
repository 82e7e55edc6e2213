package uk.nhs.impact.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.idempotency.Created;
import uk.nhs.impact.platform.idempotency.IdempotentCreate;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.ETags;

@Path("/api/v1/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {
    public static final String TOPIC = "platform.test.notes";
    public static final String TYPE = "uk.nhs.impact.platform-test.note-created.v1";

    public record NoteRequest(@NotBlank @Size(max = 100) String text, @NotNull @Min(1) @Max(5) Integer level,
            @Valid List<@NotNull @Size(max = 10) String> tags) {
    }

    public record NoteView(UUID id, String owner, String text, int level, long version) {
        static NoteView of(Note n) {
            return new NoteView(n.id, n.owner, n.text, n.level, n.version);
        }
    }

    public record NoteCreated(UUID id, String owner, String text, int level) {
    }

    @Inject
    IdempotentCreate idempotent;
    @Inject
    Outbox outbox;
    @Inject
    OrgScope scope;
    @Inject
    AuditTrail audit;

    @POST
    @RolesAllowed("submitter")
    public Uni<Response> create(@HeaderParam(IdempotentCreate.HEADER) String key, @Valid @NotNull NoteRequest body) {
        String owner = scope.orgCode();
        return idempotent.create(key, owner, body, () -> {
            Note n = new Note();
            n.id = UUID.randomUUID();
            n.owner = owner;
            n.text = body.text();
            n.level = body.level();
            return n.<Note>persist()
                    .call(saved -> outbox.append(TOPIC, TYPE, owner, new NoteCreated(saved.id, owner, saved.text, saved.level)))
                    .call(saved -> Panache.getSession().chain(s -> s.flush()))
                    .map(saved -> new Created(URI.create("/api/v1/notes/" + saved.id), NoteView.of(saved), saved.version));
        });
    }

    @GET
    @Path("{id}")
    @Authenticated
    public Uni<Response> read(@PathParam("id") UUID id) {
        return Panache.withSession(() -> Note.<Note>findById(id)).map(n -> {
            if (n == null || !scope.mayRead(n.owner, SharingLevel.PRIVATE, LocalDate.now())) {
                throw ProblemException.notFound("Note " + id);
            }
            return Response.ok(NoteView.of(n)).tag(ETags.of(n.version)).build();
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("submitter")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(ETags.IF_MATCH) String ifMatch, @Valid @NotNull NoteRequest body) {
        return Panache.withTransaction(() -> Note.<Note>findById(id).chain(n -> {
            if (n == null || !scope.mayRead(n.owner, SharingLevel.PRIVATE, LocalDate.now())) {
                throw ProblemException.notFound("Note " + id);
            }
            if (!scope.mayWrite(n.owner)) {
                throw ProblemException.forbidden("Only the owning organisation may change this note");
            }
            ETags.require(ifMatch, n.version);
            n.text = body.text();
            n.level = body.level();
            return Panache.getSession().chain(s -> s.flush()).replaceWith(n);
        })).map(n -> Response.ok(NoteView.of(n)).tag(ETags.of(n.version)).build());
    }

    /** Records that the caller looked at a note, in the audit trail only (the note itself is unchanged). */
    @POST
    @Path("{id}/touch")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("submitter")
    public Uni<Void> touch(@PathParam("id") String id) {
        return Panache.withTransaction(() -> audit.record(scope.orgCode(), "note", id, "TOUCHED", null));
    }

    @GET
    @Path("/audit/verify")
    @Authenticated
    public Uni<AuditTrail.Verification> verifyAudit() {
        return audit.verify();
    }

    @GET
    @Path("/boom")
    @Authenticated
    public String boom() {
        throw new IllegalStateException("internal detail that must never reach the caller");
    }

    @GET
    @Path("/whoami")
    @Authenticated
    public WhoAmI whoami() {
        return new WhoAmI(scope.orgCode(), scope.roles().stream().sorted().toList());
    }

    public record WhoAmI(String orgCode, List<String> roles) {
    }
}
