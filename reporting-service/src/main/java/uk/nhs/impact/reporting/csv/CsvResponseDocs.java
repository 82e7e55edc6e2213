package uk.nhs.impact.reporting.csv;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Declares {@code text/csv} as a response content type of every report that offers it, so generated clients see it. A
 * report marks its 200 response with {@code extensions = @Extension(name = CsvResponseDocs.EXTENSION, value = "true")}; the
 * mark is removed from the published document.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CsvResponseDocs implements OASFilter {
    public static final String EXTENSION = "x-csv";
    static final String DESCRIPTION = "The same table as the JSON, one figure per row with numerator, denominator, percentage and "
            + "suppression columns (RFC 4180, UTF-8, header row); cells that a spreadsheet would run as a formula are neutralised";

    @Override
    public APIResponse filterAPIResponse(APIResponse response) {
        Map<String, Object> extensions = response.getExtensions();
        if (extensions == null || !extensions.containsKey(EXTENSION)) {
            return response;
        }
        response.removeExtension(EXTENSION);
        Content content = response.getContent() == null ? OASFactory.createContent() : response.getContent();
        if (!content.hasMediaType(CsvWriter.MEDIA_TYPE)) {
            content.addMediaType(CsvWriter.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(DESCRIPTION)));
        }
        response.setContent(content);
        return response;
    }
}
