package uk.nhs.impact.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.web.ETags;

/**
 * Creating POSTs with an {@code Idempotency-Key}: the first request creates and its response is stored in the same
 * transaction; a replay (same caller, same key, same body) returns that stored response and creates nothing; the same key
 * with a different body is 422. Parallel duplicates race on the key's primary key, so exactly one creates.
 */
@ApplicationScoped
public class IdempotentCreate {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    ObjectMapper json;

    private record Stored(String requestHash, int status, String location, String etag, String body) {
    }

    /**
     * Runs {@code action} in a transaction unless {@code key} was seen before for this caller.
     *
     * @param scope who the key belongs to (keys of different callers never collide)
     */
    public Uni<Response> create(String key, String scope, Object request, Supplier<Uni<Created>> action) {
        if (key == null) {
            return Panache.withTransaction(action).map(this::fresh);
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.validation(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String hash = hash(request);
        return find(scope, key).chain(existing -> existing != null
                ? Uni.createFrom().item(replay(existing, hash))
                : Panache.withTransaction(() -> action.get().call(created -> store(scope, key, hash, created)))
                        .map(this::fresh)
                        .onFailure(IdempotentCreate::isKeyCollision)
                        .recoverWithUni(() -> find(scope, key).map(won -> {
                            if (won == null) {
                                throw ProblemException.conflict("A request with this Idempotency-Key is still being processed; retry shortly");
                            }
                            return replay(won, hash);
                        })));
    }

    private Response fresh(Created created) {
        return Response.created(created.location()).tag(ETags.of(created.version()))
                .type(MediaType.APPLICATION_JSON).entity(created.body()).build();
    }

    private Response replay(Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw ProblemException.unprocessable("This Idempotency-Key was already used with a different request body");
        }
        Response.ResponseBuilder r = Response.status(stored.status()).type(MediaType.APPLICATION_JSON)
                .entity(stored.body()).header(REPLAYED, "true");
        if (stored.location() != null) {
            r.location(URI.create(stored.location()));
        }
        if (stored.etag() != null) {
            r.header("ETag", stored.etag());
        }
        return r.build();
    }

    private Uni<Stored> find(String scope, String key) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> SessionSql.rows(s,
                "select request_hash, status, location, etag, body from idempotency_key where scope = $1 and idem_key = $2", scope, key)))
                .map(IdempotentCreate::first);
    }

    private static Stored first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Stored((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4]);
    }

    private Uni<Integer> store(String scope, String key, String hash, Created created) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into idempotency_key(scope, idem_key, request_hash, status, location, etag, body, created_at) "
                        + "values (:scope, :key, :hash, 201, :location, :etag, :body, now())")
                .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                .setParameter("location", created.location().toString())
                .setParameter("etag", ETags.of(created.version()).toString())
                .setParameter("body", write(created.body()))
                .executeUpdate());
    }

    /**
     * A parallel duplicate lost the race: either on the key itself, or on a unique constraint of the record it tried to
     * create (the winner's row came first). Either way the winner's stored response is the answer.
     */
    private static boolean isKeyCollision(Throwable t) {
        return uk.nhs.impact.platform.db.DatabaseFailures.isUniqueViolation(t);
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
