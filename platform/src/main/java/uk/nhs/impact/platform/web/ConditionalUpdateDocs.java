package uk.nhs.impact.platform.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents optimistic concurrency once for every service: an operation that takes an {@code If-Match} header answers
 * 412 when the tag is stale and 428 when it is missing. Resources declare the header parameter and nothing else.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ConditionalUpdateDocs implements OASFilter {

    static final String STALE = "If-Match is stale: read the resource again and retry with its ETag";
    static final String MISSING = "If-Match is missing: send the ETag of the version you read";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getParameters() == null || operation.getParameters().stream().noneMatch(ConditionalUpdateDocs::isIfMatch)) {
            return operation;
        }
        operation.getParameters().stream().filter(ConditionalUpdateDocs::isIfMatch).forEach(p -> {
            if (p.getDescription() == null) {
                p.setDescription("The ETag of the version this update is based on");
            }
        });
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        addIfAbsent(responses, "412", STALE);
        addIfAbsent(responses, "428", MISSING);
        operation.setResponses(responses);
        return operation;
    }

    private static boolean isIfMatch(Parameter p) {
        return p.getIn() == Parameter.In.HEADER && ETags.IF_MATCH.equalsIgnoreCase(p.getName());
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }
}
