package uk.nhs.impact.assessment.instrument;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.instrument.InstrumentEndpoints.VersionSummary;
import uk.nhs.impact.platform.instrument.InstrumentVersionsResource;
import uk.nhs.impact.platform.instrument.VersionedInstruments;
import uk.nhs.impact.platform.web.Params;

@Path(InstrumentResource.PATH)
@Tag(name = "Instruments", description = "Self-assessment instruments and their versions. Each version carries its scale (lowest level "
        + "first), components, questions with level descriptors, and question map; levels not confirmed by a published source are "
        + "flagged provisional. Published versions never change.")
public class InstrumentResource extends InstrumentVersionsResource<InstrumentDefinition, InstrumentResource.VersionView> {
    static final String PATH = "/api/v1/assessment-instruments";

    @Inject
    InstrumentCatalogue catalogue;

    public InstrumentResource() {
        super(PATH, "instruments", InstrumentDefinition::label, VersionView::of);
    }

    @Override
    protected VersionedInstruments<InstrumentDefinition> catalogue() {
        return catalogue;
    }

    public record LevelView(String code, String name, int ordinal, String meaning, boolean provisional) {
    }

    public record VersionView(String instrumentId, int version, String status, boolean shipped, Instant publishedAt, String label,
            String notes, List<LevelView> levels, List<InstrumentDefinition.Component> components,
            List<InstrumentDefinition.Question> questions, Map<String, String> questionMap) {
        static VersionView of(VersionedInstruments.Entry<InstrumentDefinition> e) {
            InstrumentDefinition d = e.definition();
            List<LevelView> levels = IntStream.range(0, d.levels().size()).mapToObj(i -> {
                InstrumentDefinition.Level l = d.levels().get(i);
                return new LevelView(l.code(), l.name(), i + 1, l.meaning(), l.provisional());
            }).toList();
            return new VersionView(e.instrumentId(), e.number(), e.status().name(), e.shipped(), e.publishedAt(), d.label(), d.notes(),
                    levels, d.components(), d.questions(), d.questionMapOrEmpty());
        }
    }

    @GET
    @Path("{instrumentId}/versions")
    @Authenticated
    @Operation(summary = "The versions of one instrument, oldest first")
    @APIResponse(responseCode = "200", description = "Every version of the instrument")
    @APIResponse(responseCode = "404", description = "No such instrument")
    public Uni<List<VersionSummary>> versions(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("instrumentId") String instrumentId) {
        return endpoints().versions(instrumentId);
    }
}
