package uk.nhs.impact.platform.instrument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.web.ETags;

/**
 * Versioned instruments (a questionnaire and its scales), of definition type {@code D}: those shipped with a service
 * (published, immutable, read from JSON resources holding {@code instrumentId}, {@code version} and the definition's
 * fields) and those an instrument admin writes — drafts until published, then immutable. Versions written here are
 * numbered after every existing one. The service's own database holds them in the platform table {@code instrument_version}
 * (instrument_id, number, status, definition, created_at, published_at, version; platform migration V2). A service's HTTP
 * endpoints for them are {@link InstrumentVersionsResource}.
 */
public abstract class VersionedInstruments<D> {
    public enum Status {
        DRAFT, PUBLISHED
    }

    /** One version as callers see it; {@code etag} versions a draft (shipped versions never change). */
    public record Entry<D>(String instrumentId, int number, Status status, boolean shipped, Instant publishedAt, long etag, D definition) {
        public boolean published() {
            return status == Status.PUBLISHED;
        }
    }

    private static final Instant SHIPPED_AT = Instant.parse("2023-04-01T00:00:00Z");

    private final ObjectMapper json;
    private final Class<D> type;
    private final uk.nhs.impact.platform.audit.AuditTrail audit;
    private final BiFunction<D, D, List<FieldError>> rules;
    private final Map<String, Map<Integer, Entry<D>>> shipped = new LinkedHashMap<>();

    /**
     * @param rules every inconsistency of a definition, each naming its field, given the version before it (or null); set
     *              here rather than by overriding because the shipped versions are checked while this object is built
     */
    protected VersionedInstruments(ObjectMapper json, Class<D> type, List<String> shippedResources, uk.nhs.impact.platform.audit.AuditTrail audit,
            BiFunction<D, D, List<FieldError>> rules) {
        this.json = json;
        this.type = type;
        this.audit = audit;
        this.rules = rules;
        for (String resource : shippedResources) {
            Entry<D> e = load(resource);
            shipped.computeIfAbsent(e.instrumentId(), k -> new LinkedHashMap<>()).put(e.number(), e);
        }
    }

    private List<FieldError> check(D definition, D previous) {
        return rules.apply(definition, previous);
    }

    private Entry<D> load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing instrument resource " + resource);
            }
            ObjectNode tree = (ObjectNode) json.readTree(in);
            String id = tree.remove("instrumentId").asText();
            int number = tree.remove("version").asInt();
            D def = json.treeToValue(tree, type);
            List<FieldError> errors = check(def, null);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Instrument " + resource + " is inconsistent: " + errors);
            }
            return new Entry<>(id, number, Status.PUBLISHED, true, SHIPPED_AT, 0, def);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<List<String>> instrumentIds() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> SessionSql.texts(s,
                "select distinct instrument_id from instrument_version")))
                .map(stored -> {
                    TreeSet<String> ids = new TreeSet<>(shipped.keySet());
                    ids.addAll(stored);
                    return List.copyOf(ids);
                });
    }

    /** Every version of an instrument, oldest first (runs in its own session when none is open). */
    public Uni<List<Entry<D>>> versions(String instrumentId) {
        return Panache.withSession(() -> rows("where instrument_id = $1 order by number", instrumentId)).map(stored -> {
            List<Entry<D>> all = new ArrayList<>(shipped.getOrDefault(instrumentId, Map.of()).values());
            all.addAll(stored);
            all.sort(Comparator.comparingInt(Entry::number));
            return all;
        });
    }

    /** The versions that ship with the service, oldest first: reference data, read without the database. */
    public List<Entry<D>> shipped(String instrumentId) {
        return shipped.getOrDefault(instrumentId, Map.of()).values().stream().sorted(Comparator.comparingInt(Entry::number)).toList();
    }

    /** The version, or null. */
    public Uni<Entry<D>> find(String instrumentId, int number) {
        Entry<D> e = shipped.getOrDefault(instrumentId, Map.of()).get(number);
        if (e != null) {
            return Uni.createFrom().item(e);
        }
        return Panache.withSession(() -> rows("where instrument_id = $1 and number = $2", instrumentId, number))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** A published version; anything else is a 400 naming {@code field}. */
    public Uni<Entry<D>> published(String instrumentId, int number, String field) {
        return find(instrumentId, number).map(e -> {
            if (e == null || !e.published()) {
                throw ProblemException.validation(field, "version " + number + " of " + instrumentId + " is not published");
            }
            return e;
        });
    }

    /** Adds a draft numbered after every existing version. */
    public Uni<Entry<D>> createDraft(String instrumentId, D def) {
        return Panache.withTransaction(() -> versions(instrumentId).chain(all -> {
            int number = all.isEmpty() ? 1 : all.get(all.size() - 1).number() + 1;
            validate(def, all.isEmpty() ? null : all.get(all.size() - 1).definition());
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                    insert into instrument_version(instrument_id, number, status, definition, created_at, version)
                    values (:id, :number, 'DRAFT', :definition, now(), 0)""")
                    .setParameter("id", instrumentId).setParameter("number", number).setParameter("definition", write(def))
                    .executeUpdate()).call(() -> audit.record("X24", "instrument", instrumentId + "/" + number, "DRAFTED", null))
                    .replaceWith(() -> new Entry<>(instrumentId, number, Status.DRAFT, false, null, 0L, def));
        }));
    }

    /** Replaces a draft's definition; published and shipped versions are immutable (409). */
    public Uni<Entry<D>> updateDraft(String instrumentId, int number, D def, String ifMatch) {
        return Panache.withTransaction(() -> draft(instrumentId, number, ifMatch).chain(current -> find(instrumentId, number - 1)
                .chain(previous -> {
                    validate(def, previous == null ? null : previous.definition());
                    return bump(current, "definition = :definition", Map.of("definition", write(def)))
                            .call(() -> audit.record("X24", "instrument", instrumentId + "/" + number, "DRAFT_UPDATED", null))
                            .replaceWith(() -> new Entry<>(instrumentId, number, Status.DRAFT, false, null, current.etag() + 1, def));
                })));
    }

    public Uni<Entry<D>> publish(String instrumentId, int number, String ifMatch) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> draft(instrumentId, number, ifMatch)
                .chain(current -> bump(current, "status = 'PUBLISHED', published_at = :at", Map.of("at", now.atOffset(ZoneOffset.UTC)))
                        .call(() -> audit.record("X24", "instrument", instrumentId + "/" + number, "PUBLISHED", null))
                        .replaceWith(() -> new Entry<>(instrumentId, number, Status.PUBLISHED, false, now, current.etag() + 1,
                                current.definition()))));
    }

    private Uni<Entry<D>> draft(String instrumentId, int number, String ifMatch) {
        if (shipped.getOrDefault(instrumentId, Map.of()).containsKey(number)) {
            throw immutable(instrumentId, number);
        }
        return rows("where instrument_id = $1 and number = $2 for update", instrumentId, number).map(list -> {
            if (list.isEmpty()) {
                throw ProblemException.notFound("Version " + number + " of " + instrumentId);
            }
            Entry<D> e = list.get(0);
            ETags.require(ifMatch, e.etag());
            if (e.published()) {
                throw immutable(instrumentId, number);
            }
            return e;
        });
    }

    private Uni<Integer> bump(Entry<D> e, String set, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery("update instrument_version set " + set + ", version = version + 1 "
                    + "where instrument_id = :id and number = :number");
            q.setParameter("id", e.instrumentId()).setParameter("number", e.number());
            params.forEach(q::setParameter);
            return q.executeUpdate();
        });
    }

    private Uni<List<Entry<D>>> rows(String where, Object... params) {
        return Panache.getSession().chain(s -> SessionSql.rows(s,
                "select instrument_id, number, status, definition, published_at, version from instrument_version " + where, params))
                .map(list -> list.stream().map(this::entry).toList());
    }

    private Entry<D> entry(Object[] r) {
        Object at = r[4];
        Instant publishedAt = at == null
                ? null
                : at instanceof OffsetDateTime o
                        ? o.toInstant()
                        : at instanceof Instant i
                                ? i
                                : ((java.sql.Timestamp) at).toInstant();
        try {
            return new Entry<>((String) r[0], ((Number) r[1]).intValue(), Status.valueOf((String) r[2]), false, publishedAt,
                    ((Number) r[5]).longValue(), json.readValue((String) r[3], type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored instrument is not readable", e);
        }
    }

    private void validate(D def, D previous) {
        List<FieldError> errors = check(def, previous);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static ProblemException immutable(String instrumentId, int number) {
        return ProblemException.conflict("Version " + number + " of " + instrumentId + " is published and cannot change; "
                + "create a new version instead");
    }

    private String write(D def) {
        try {
            return json.writeValueAsString(def);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
