package uk.nhs.impact.reporting.segment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Params;

/** Oversight segments are reference data for segmenting reports; administrators load one framework's period at a time. */
@Path("/api/v1/reports/reference/oversight-segments")
@Tag(name = "Reporting reference data")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OversightSegmentResource {
    /** Segment scales per framework (oversight.yaml): 1–4 until 2024/25, 1–5 from 2025/26. */
    static final Map<String, Integer> FRAMEWORKS = Map.of("sof-2021-22", 4, "nof-2022-23", 4, "nof-2025-26", 5);

    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    OrgScope scope;

    public record SegmentEntry(@NotBlank @Size(max = 30) String odsCode, @NotNull @Min(1) @Max(5) Integer segment) {
    }

    public record SegmentPeriod(@NotNull LocalDate effectiveFrom, LocalDate effectiveTo,
            @NotEmpty @Size(max = 5000) List<@Valid @NotNull SegmentEntry> segments) {
    }

    public record SegmentView(String odsCode, String frameworkId, String period, int segment, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    @PUT
    @Path("{frameworkId}/{period}")
    @RolesAllowed(Roles.INSTRUMENT_ADMIN)
    @Operation(summary = "Replace the segments of one framework and period (e.g. nof-2022-23 / 2023-Q2)")
    @APIResponse(responseCode = "200", description = "The segments now held for that period")
    @APIResponse(responseCode = "400", description = "Unknown framework, segment outside its scale, or unknown organisation")
    public Uni<List<SegmentView>> replace(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("frameworkId") String frameworkId,
            @Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("period") String period,
            @Valid @NotNull SegmentPeriod body) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden("This is for NHS England administrators (instrument-admin at X24)");
        }
        Integer scale = FRAMEWORKS.get(frameworkId);
        if (scale == null) {
            throw ProblemException.validation("frameworkId", "must be one of " + FRAMEWORKS.keySet().stream().sorted().toList());
        }
        if (!period.matches("[0-9A-Za-z-]{4,20}")) {
            throw ProblemException.validation("period", "must be 4 to 20 letters, digits or dashes");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.segments().size(); i++) {
            SegmentEntry e = body.segments().get(i);
            if (e.segment() > scale) {
                errors.add(new FieldError("segments[" + i + "].segment", frameworkId + " segments run from 1 to " + scale));
            }
            if (hierarchy.find(e.odsCode()).isEmpty()) {
                errors.add(new FieldError("segments[" + i + "].odsCode", "is not a known organisation"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return Panache.withTransaction(() -> OversightSegment.delete("frameworkId = ?1 and period = ?2", frameworkId, period)
                .chain(() -> {
                    List<OversightSegment> rows = body.segments().stream().map(e -> {
                        OversightSegment s = new OversightSegment();
                        s.odsCode = e.odsCode();
                        s.frameworkId = frameworkId;
                        s.period = period;
                        s.segment = e.segment();
                        s.effectiveFrom = body.effectiveFrom();
                        s.effectiveTo = body.effectiveTo();
                        return s;
                    }).toList();
                    return OversightSegment.persist(rows).replaceWith(rows);
                })).map(rows -> rows.stream().map(OversightSegmentResource::view).toList());
    }

    @GET
    @Path("{frameworkId}/{period}")
    @Authenticated
    @Operation(summary = "The segments held for one framework and period")
    public Uni<List<SegmentView>> list(@Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("frameworkId") String frameworkId,
            @Pattern(regexp = Params.CODE) @Size(max = Params.CODE_MAX) @PathParam("period") String period) {
        return Panache.withSession(() -> OversightSegment.<OversightSegment>list("frameworkId = ?1 and period = ?2 order by odsCode",
                frameworkId, period)).map(rows -> rows.stream().map(OversightSegmentResource::view).toList());
    }

    private static SegmentView view(OversightSegment s) {
        return new SegmentView(s.odsCode, s.frameworkId, s.period, s.segment, s.effectiveFrom, s.effectiveTo);
    }
}
