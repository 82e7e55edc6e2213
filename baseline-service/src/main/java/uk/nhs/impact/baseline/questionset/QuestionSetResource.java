package uk.nhs.impact.baseline.questionset;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.problem.ProblemException;

import java.util.List;

@Path("/api/v1/baseline-question-sets")
@Tag(name = "Baseline question sets", description = "The questions each organisation type answers (provider, ICB, region, national directorate)")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QuestionSetResource {
    private final QuestionSetCatalogue catalogue;

    public QuestionSetResource(QuestionSetCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Every question set and version")
    public List<QuestionSet> list() {
        return catalogue.all();
    }

    @GET
    @Path("{orgType}/versions/{version}")
    @Operation(summary = "One question set version")
    @APIResponse(responseCode = "404", description = "No such question set")
    public QuestionSet read(@PathParam("orgType") String orgType, @PathParam("version") int version) {
        return catalogue.find(orgType, version).orElseThrow(() -> ProblemException.notFound("Question set " + orgType + " v" + version));
    }
}
