package uk.nhs.impact.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a bearer token was verified to mean, kept until the token expires, so that its signature is checked once per token
 * rather than once per request. Keyed by the whole token text: a token that differs in any character (another signature,
 * another claim) is a different key and is verified afresh. Bounded: when full, expired entries go first, then the one that
 * expires soonest. Safe for concurrent use without a lock on the read path.
 *
 * @param <V> what verification produced
 */
public final class VerifiedTokens<V> {
    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxSize;

    public VerifiedTokens(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        this.maxSize = maxSize;
    }

    /** The value verified for this token, if it was verified and has not expired at {@code now} (epoch seconds). */
    public V get(String token, long now) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now >= entry.expiresAt()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Keeps what the token was verified to mean until {@code expiresAt} (epoch seconds, the token's {@code exp}); a token
     * already expired at {@code now} is not kept.
     */
    public void put(String token, V value, long expiresAt, long now) {
        if (expiresAt <= now) {
            return;
        }
        if (!entries.containsKey(token) && entries.size() >= maxSize) {
            makeRoom(now);
        }
        entries.put(token, new Entry<>(value, expiresAt));
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        entries.entrySet().removeIf(e -> now >= e.getValue().expiresAt());
        while (entries.size() >= maxSize) {
            String soonest = null;
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<String, Entry<V>> e : entries.entrySet()) {
                if (e.getValue().expiresAt() < earliest) {
                    earliest = e.getValue().expiresAt();
                    soonest = e.getKey();
                }
            }
            if (soonest == null) {
                return;
            }
            entries.remove(soonest);
        }
    }
}
