package uk.nhs.impact.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bad-input corpus in {@code bad-input/corpus.json}, with the generated bodies built here. */
final class BadInputCorpus {
    record Entry(String name, String contentType, byte[] body) {
    }

    /**
     * A bad review: the body, the If-Match header ({@code current} standing for the subject's ETag, {@code none} for no
     * header), the status it must get and the field that answer must name ({@code null} when there is none to name).
     */
    record Review(String name, byte[] body, String ifMatch, int status, String field) {
    }

    private BadInputCorpus() {
    }

    static List<Entry> load() throws IOException {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-input/corpus.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Entry> out = new ArrayList<>();
            for (JsonNode e : root.get("entries")) {
                byte[] body = e.has("body") ? e.get("body").asText().getBytes(StandardCharsets.UTF_8) : generate(e.get("generate").asText());
                out.add(new Entry(e.get("name").asText(), e.get("contentType").asText(), body));
            }
            return out;
        }
    }

    static List<Review> reviews() throws IOException {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-input/corpus.json")) {
            List<Review> out = new ArrayList<>();
            for (JsonNode e : new ObjectMapper().readTree(in).get("reviews")) {
                byte[] body = e.has("body") ? e.get("body").asText().getBytes(StandardCharsets.UTF_8) : generate(e.get("generate").asText());
                out.add(new Review(e.get("name").asText(), body, e.has("ifMatch") ? e.get("ifMatch").asText() : "current", e.get("status").asInt(),
                        e.has("field") ? e.get("field").asText() : null));
            }
            return out;
        }
    }

    private static byte[] generate(String spec) {
        String[] parts = spec.split(":");
        return switch (parts[0]) {
            case "deep-nesting" -> {
                int depth = Integer.parseInt(parts[1]);
                yield ("{\"answers\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case "huge-string" -> {
                String s = "x".repeat(Integer.parseInt(parts[1]));
                yield ("{\"cycle\":\"" + s + "\",\"id\":\"" + s + "\",\"level\":\"" + s + "\",\"respondentRole\":\"" + s
                        + "\",\"answers\":{\"Q01\":{\"levelCode\":\"STARTING\",\"evidence\":\"" + s + "\"}}}").getBytes(StandardCharsets.UTF_8);
            }
            case "review-comments" -> ("{\"outcome\":\"" + parts[1] + "\",\"comments\":\"" + "z".repeat(Integer.parseInt(parts[2])) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case "huge-body" -> ("{\"padding\":\"" + "y".repeat(Integer.parseInt(parts[1])) + "\"}").getBytes(StandardCharsets.UTF_8);
            case "invalid-utf8" -> {
                byte[] head = "{\"cycle\":\"".getBytes(StandardCharsets.UTF_8);
                byte[] tail = "\",\"level\":\"ICB\"}".getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[head.length + 4 + tail.length];
                System.arraycopy(head, 0, out, 0, head.length);
                out[head.length] = (byte) 0xC3;
                out[head.length + 1] = (byte) 0x28;
                out[head.length + 2] = (byte) 0xFF;
                out[head.length + 3] = (byte) 0xFE;
                System.arraycopy(tail, 0, out, head.length + 4, tail.length);
                yield out;
            }
            default -> throw new IllegalArgumentException("unknown generator " + spec);
        };
    }
}
