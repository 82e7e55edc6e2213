package uk.nhs.impact.baseline.questionset;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.web.Params;

@Path("/api/v1/baseline-question-sets")
@Tag(name = "Baseline question sets", description = "The questions each organisation type answers (provider, ICB, region, national directorate)")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QuestionSetResource {
    @Inject
    QuestionSets sets;

    @GET
    @Operation(summary = "Every question set and version")
    public Uni<List<QuestionSet>> list() {
        return sets.all();
    }

    @GET
    @Path("{orgType}/versions/{version}")
    @Operation(summary = "One question set version")
    @APIResponse(responseCode = "200", description = "Found; the ETag header is its version, for If-Match")
    @APIResponse(responseCode = "404", description = "No such question set")
    public Uni<QuestionSet> read(@Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) @PathParam("orgType") String orgType,
            @Min(1) @Max(Params.VERSION_MAX) @PathParam("version") int version) {
        return sets.version(orgType, version).map(set -> {
            if (set == null) {
                throw ProblemException.notFound("Question set " + orgType + " v" + version);
            }
            return set;
        });
    }
}
