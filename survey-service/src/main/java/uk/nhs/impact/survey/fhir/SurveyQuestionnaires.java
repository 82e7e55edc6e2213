package uk.nhs.impact.survey.fhir;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.impact.platform.instrument.VersionedInstruments;
import uk.nhs.impact.survey.instrument.SurveyCatalogue;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.run.SurveyRun;

/**
 * The Questionnaires of this service: one per published survey version, generated from the catalogue's definition. Published
 * versions never change, so each is generated once; drafts have none.
 */
@ApplicationScoped
public class SurveyQuestionnaires {
    private static final Pattern ID = Pattern.compile("survey-[A-Za-z0-9.-]+-v([1-9][0-9]{0,5})");

    @Inject
    SurveyCatalogue catalogue;

    private final Map<String, SurveyQuestionnaire> generated = new ConcurrentHashMap<>();

    /** The Questionnaire with this id, or null when no published survey version has it. */
    public Uni<SurveyQuestionnaire> byId(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            return Uni.createFrom().nullItem();
        }
        int number = Integer.parseInt(m.group(1));
        return catalogue.instrumentIds().chain(ids -> ids.stream().filter(instrument -> SurveyQuestionnaire.id(instrument, number).equals(id))
                .findFirst().map(instrument -> version(instrument, number)).orElseGet(() -> Uni.createFrom().nullItem()));
    }

    /** The Questionnaire of a survey version, or null unless it is published. */
    public Uni<SurveyQuestionnaire> version(String instrumentId, int number) {
        SurveyQuestionnaire known = generated.get(key(instrumentId, number));
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return catalogue.find(instrumentId, number).map(e -> e == null || !e.published() ? null : of(e));
    }

    /** The Questionnaire of the version a run collects (runs are opened on published versions only). */
    public Uni<SurveyQuestionnaire> forRun(SurveyRun run) {
        return version(run.instrumentId, run.instrumentVersion).map(Objects::requireNonNull);
    }

    /** Every published version's Questionnaire, by instrument then version. */
    public Uni<List<SurveyQuestionnaire>> all() {
        return catalogue.instrumentIds().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(catalogue::versions)
                .onItem().transformToIterable(versions -> versions)
                .filter(VersionedInstruments.Entry::published)
                .map(this::of)
                .collect().asList());
    }

    private SurveyQuestionnaire of(VersionedInstruments.Entry<SurveyDefinition> e) {
        return generated.computeIfAbsent(key(e.instrumentId(), e.number()),
                k -> SurveyQuestionnaire.of(e.instrumentId(), e.number(), e.publishedAt(), e.definition()));
    }

    private static String key(String instrumentId, int number) {
        return instrumentId + "/" + number;
    }
}
