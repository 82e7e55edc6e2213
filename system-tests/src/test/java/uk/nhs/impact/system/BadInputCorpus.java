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
