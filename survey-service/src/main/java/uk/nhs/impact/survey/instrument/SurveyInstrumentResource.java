package uk.nhs.impact.survey.instrument;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.instrument.InstrumentVersionsResource;
import uk.nhs.impact.platform.instrument.VersionedInstruments;

@Path(SurveyInstrumentResource.PATH)
@Tag(name = "Survey instruments", description = "Survey questionnaires and their versions, each with its questions and options. "
        + "Published versions never change; runs may use only published versions.")
public class SurveyInstrumentResource extends InstrumentVersionsResource<SurveyDefinition, SurveyInstrumentResource.VersionView> {
    static final String PATH = "/api/v1/survey-instruments";

    @Inject
    SurveyCatalogue catalogue;

    public SurveyInstrumentResource() {
        super(PATH, "survey-instruments", SurveyDefinition::label, VersionView::of);
    }

    @Override
    protected VersionedInstruments<SurveyDefinition> catalogue() {
        return catalogue;
    }

    public record VersionView(String instrumentId, int version, String status, boolean shipped, Instant publishedAt, String label,
            String notes, List<SurveyDefinition.Question> questions) {
        static VersionView of(VersionedInstruments.Entry<SurveyDefinition> e) {
            SurveyDefinition d = e.definition();
            return new VersionView(e.instrumentId(), e.number(), e.status().name(), e.shipped(), e.publishedAt(), d.label(), d.notes(),
                    d.questions());
        }
    }
}
