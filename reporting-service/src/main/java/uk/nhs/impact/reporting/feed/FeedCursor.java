package uk.nhs.impact.reporting.feed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * The opaque cursor of a feed entry: its position, enciphered (one AES block: a marker and the position) under a key of
 * this deployment. A plain position would tell a caller how many entries it may not see lie between two of its own; this
 * tells nothing, and a cursor that was not handed out does not decipher to the marker and is refused.
 */
public final class FeedCursor {
    private static final byte[] MARKER = "feedcur1".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;

    public FeedCursor(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(Arrays.copyOf(digest, 16), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(long position) {
        byte[] block = ByteBuffer.allocate(16).put(MARKER).putLong(position).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cipher(Cipher.ENCRYPT_MODE, block));
    }

    /** The position a cursor names; 0 (the start) when there is none; a 400 naming {@code parameter} when it is not ours. */
    public long decode(String cursor, String parameter) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        byte[] block;
        try {
            block = Base64.getUrlDecoder().decode(cursor.trim());
        } catch (IllegalArgumentException e) {
            block = new byte[0];
        }
        if (block.length == 16) {
            ByteBuffer plain = ByteBuffer.wrap(cipher(Cipher.DECRYPT_MODE, block));
            byte[] marker = new byte[MARKER.length];
            plain.get(marker);
            long position = plain.getLong();
            if (Arrays.equals(marker, MARKER) && position >= 0) {
                return position;
            }
        }
        throw ProblemException.validation(parameter, "is not a cursor of this feed");
    }

    private byte[] cipher(int mode, byte[] block) {
        try {
            // one block, no padding: ECB is the plain block cipher here, not a mode over several blocks
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, key);
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
