package uk.nhs.impact.baseline.questionset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.instrument.VersionedInstruments;

/**
 * The baseline question sets, one instrument per organisation type, versioned like every other instrument: version 1 of
 * each ships with the service (reference data, one file per set and version); later versions would be stored in
 * {@code instrument_version}.
 */
@Singleton
public class QuestionSets extends VersionedInstruments<QuestionSetDefinition> {
    /** The organisation types in the order they are listed: provider, ICB, region, national directorate. */
    static final List<String> ORG_TYPES = List.of("trust", "icb", "region", "directorate");
    static final List<String> SHIPPED = ORG_TYPES.stream().map(type -> "question-sets/" + type + "-v1.json").toList();

    public QuestionSets(ObjectMapper json, AuditTrail audit) {
        // A question set version stands on its own: its rules do not look at the version before it.
        super(json, QuestionSetDefinition.class, SHIPPED, audit, (definition, previous) -> QuestionSetRules.check(definition));
    }

    /** Every question set and version: organisation types in {@link #ORG_TYPES} order, each oldest version first. */
    public Uni<List<QuestionSet>> all() {
        return instrumentIds().chain(types -> Multi.createFrom().iterable(types.stream().sorted(LISTING).toList())
                .onItem().transformToUniAndConcatenate(this::versions)
                .onItem().transformToIterable(entries -> entries.stream().map(QuestionSets::view).toList())
                .collect().asList());
    }

    /** The version for an organisation type, or null. */
    public Uni<QuestionSet> version(String orgType, int version) {
        return find(orgType, version).map(e -> e == null ? null : view(e));
    }

    /** The latest published version for an organisation type, or null. */
    public Uni<QuestionSet> current(String orgType) {
        return versions(orgType).map(all -> latestPublished(all).map(QuestionSets::view).orElse(null));
    }

    static Optional<Entry<QuestionSetDefinition>> latestPublished(List<Entry<QuestionSetDefinition>> versions) {
        return versions.stream().filter(Entry::published).max(Comparator.comparingInt(Entry::number));
    }

    static QuestionSet view(Entry<QuestionSetDefinition> e) {
        QuestionSetDefinition d = e.definition();
        return new QuestionSet(d.id(), e.instrumentId(), e.number(), e.status().name(), d.wordingNote(), d.questions());
    }

    private static final Comparator<String> LISTING = Comparator.<String>comparingInt(type -> ORG_TYPES.contains(type)
            ? ORG_TYPES.indexOf(type)
            : ORG_TYPES.size()).thenComparing(Comparator.naturalOrder());
}
