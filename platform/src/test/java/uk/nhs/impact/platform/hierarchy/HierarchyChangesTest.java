package uk.nhs.impact.platform.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.impact.stack.test.Eventually.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventSamples;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * Change sets reach the running application's hierarchy with no restart: published on {@code organisation.events} and
 * applied by the consumer, or applied directly; each stored once, and the stored sets rebuild the hierarchy at start.
 * Every set here is effective in 2027 or later, so today's hierarchy, which the other tests use, is unchanged.
 */
@QuarkusTest
class HierarchyChangesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    OrganisationHierarchy hierarchy;
    @Inject
    HierarchyChanges changes;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource db;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aChangeSetPublishedOnTheTopicIsAppliedWithoutRestartAndOnlyOnce() throws Exception {
        ChangeSet set = Changes2027.set();
        assertThat(hierarchy.find("Z9B2Z")).isEmpty();
        assertThat(hierarchy.icbOf("RXK", Changes2027.EFFECTIVE)).contains("QHL");

        publish(set);
        await(WAIT, () -> hierarchy.find("Z9B2Z").isPresent(), applied -> applied);

        assertThat(hierarchy.icbOf("RXK", Changes2027.EFFECTIVE)).contains("QUA");
        assertThat(hierarchy.icbOf("RXK", Changes2027.BEFORE)).contains("QHL");
        assertThat(hierarchy.latestSuccessorOf("RKE", Changes2027.EFFECTIVE)).contains("R1Z9X");
        assertThat(hierarchy.icbOf("RYX", Changes2027.EFFECTIVE)).contains("Z9B2Z");
        assertThat(hierarchy.icbOf("RYX", LocalDate.now())).contains("QRV");
        assertThat(stored(set.id())).isEqualTo(1);

        // a second delivery changes nothing; a later set, applied, proves the consumer has read past it
        int before = hierarchy.changeSets().size();
        publish(set);
        ChangeSet later = openTrust("R7A1A", "QT1", LocalDate.of(2027, 6, 1));
        publish(later);
        await(WAIT, () -> hierarchy.find("R7A1A").isPresent(), applied -> applied);

        assertThat(hierarchy.changeSets()).hasSize(before + 1).filteredOn(s -> s.id().equals(set.id())).hasSize(1);
        assertThat(stored(set.id())).isEqualTo(1);
        assertThat(codes(hierarchy.trustsOfIcb("Z9B2Z", Changes2027.EFFECTIVE))).contains("R1Z9X").doesNotContain("RAL", "RKE");
    }

    @Test
    void aChangeSetThatBreaksARuleIsSkippedAndTheNextOneApplied() throws Exception {
        ChangeSet orphaning = ChangeSetValidatorTest.set(HierarchyChange.close("QOP", LocalDate.of(2027, 9, 1)));
        ChangeSet next = openTrust("R7B2B", "QT1", LocalDate.of(2027, 9, 1));

        publish(orphaning);
        publish(next);
        await(WAIT, () -> hierarchy.find("R7B2B").isPresent(), applied -> applied);

        assertThat(hierarchy.find("QOP").orElseThrow().validTo()).isNull();
        assertThat(hierarchy.changeSets()).noneMatch(s -> s.id().equals(orphaning.id()));
        assertThat(stored(orphaning.id())).isZero();
    }

    @Test
    void applyStoresOnceAndRefusesABrokenSet() {
        ChangeSet set = openTrust("R7C3C", "QT1", LocalDate.of(2027, 10, 1));

        assertThat(changes.apply(set).await().atMost(WAIT)).isTrue();
        assertThat(hierarchy.icbOf("R7C3C", LocalDate.of(2027, 10, 1))).contains("QT1");
        assertThat(changes.apply(set).await().atMost(WAIT)).isFalse();
        assertThat(hierarchy.changeSets()).filteredOn(s -> s.id().equals(set.id())).hasSize(1);

        ChangeSet underRegion = ChangeSetValidatorTest.set(HierarchyChange.move("RHA", "Y60", LocalDate.of(2027, 10, 1)));
        assertThatThrownBy(() -> changes.apply(underRegion).await().atMost(WAIT)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.errors()).contains(new FieldError("changes[0].parent", "a trust's parent must be an ICB, not Y60")));
        assertThat(stored(underRegion.id())).isZero();
        assertThat(hierarchy.icbOf("RHA", LocalDate.of(2027, 10, 1))).contains("QT1");
    }

    @Test
    void theStoredSetsRebuildTheHierarchyAtStart() {
        changes.apply(openTrust("R7D4D", "QT1", LocalDate.of(2027, 11, 1))).await().atMost(WAIT);

        List<ChangeSet> stored = changes.stored().await().atMost(WAIT);
        OrganisationHierarchy rebuilt = OrganisationHierarchy.loadBundled();
        for (ChangeSet s : stored) {
            rebuilt = rebuilt.with(s);
        }

        assertThat(stored).extracting(ChangeSet::id).containsExactlyElementsOf(hierarchy.changeSets().stream().map(ChangeSet::id).toList());
        assertThat(stored).isEqualTo(hierarchy.changeSets());
        LocalDate later = LocalDate.of(2028, 1, 1);
        assertThat(codes(rebuilt.all(later))).isEqualTo(codes(hierarchy.all(later))).contains("R7D4D");
        assertThat(changes.restore().await().atMost(WAIT).changeSets()).isEqualTo(hierarchy.changeSets());
        assertThat(hierarchy.find("R7D4D")).isPresent();
    }

    private static ChangeSet openTrust(String code, String icb, LocalDate from) {
        return ChangeSetValidatorTest.set(HierarchyChange.open(code, "Test trust " + code, OrgLevel.TRUST, "community", icb, from));
    }

    /** Publishes the set as the organisation service does: a binary-mode CloudEvent keyed and with subject X24. */
    private void publish(ChangeSet set) throws Exception {
        String payload = json.writeValueAsString(set.toEvent());
        assertThat(EventSamples.compare(EventTypes.ORGANISATION_HIERARCHY_CHANGED, payload).unexpected()).isEmpty();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORGANISATION, OrganisationHierarchy.NHS_ENGLAND, payload);
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.ORGANISATION_HIERARCHY_CHANGED,
                    "ce_source", "/organisation-service", "ce_subject", OrganisationHierarchy.NHS_ENGLAND, "ce_time", Instant.now().toString(),
                    "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }

    private int stored(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from hierarchy_change_set where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> codes(List<Organisation> orgs) {
        return orgs.stream().map(Organisation::odsCode).toList();
    }
}
