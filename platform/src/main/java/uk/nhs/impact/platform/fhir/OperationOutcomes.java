package uk.nhs.impact.platform.fhir;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.Problem;

/**
 * Every failure of a FHIR interaction is answered as an {@code OperationOutcome}, not problem+json: the same status, one issue
 * per failing field with its FHIRPath expression (naming the item's linkId), else one issue with the problem's detail. The
 * failures are raised and mapped exactly as for the REST API (validation, access, versions, security); this only changes
 * how they are written, so both APIs refuse the same requests with the same status.
 */
public class OperationOutcomes {

    @ServerResponseFilter
    public void asOperationOutcome(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !isFhir(request.getUriInfo().getPath())) {
            return;
        }
        response.setEntity(Fhir.write(of(problem)), null, MediaType.valueOf(Fhir.MEDIA_TYPE));
    }

    static boolean isFhir(String path) {
        return path.equals(Fhir.BASE_PATH) || path.startsWith(Fhir.BASE_PATH + "/");
    }

    /** The problem as an OperationOutcome: its field errors as issues with their expressions, else its detail. */
    public static OperationOutcome of(Problem problem) {
        OperationOutcome outcome = new OperationOutcome();
        IssueType code = codeFor(problem.status());
        if (problem.errors() == null || problem.errors().isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).setDiagnostics(problem.detail());
        } else {
            for (FieldError e : problem.errors()) {
                outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).setDiagnostics(e.field() + ": " + e.message())
                        .addExpression(e.field());
            }
        }
        if (problem.correlationId() != null) {
            outcome.setId(problem.correlationId());
        }
        return outcome;
    }

    static IssueType codeFor(int status) {
        return switch (status) {
            case 400, 413, 415 -> IssueType.INVALID;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 409, 412 -> IssueType.CONFLICT;
            case 422 -> IssueType.PROCESSING;
            case 428 -> IssueType.REQUIRED;
            case 429 -> IssueType.THROTTLED;
            case 503 -> IssueType.TRANSIENT;
            default -> IssueType.EXCEPTION;
        };
    }
}
