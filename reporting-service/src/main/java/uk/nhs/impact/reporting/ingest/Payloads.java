package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** Reading event payloads as a tolerant reader: only the fields reporting needs, by name, in either common shape. */
public final class Payloads {
    private Payloads() {
    }

    public static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node == null ? null : node.get(name);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    public static int integer(JsonNode node, int fallback, String... names) {
        for (String name : names) {
            JsonNode v = node == null ? null : node.get(name);
            if (v != null && v.canConvertToInt()) {
                return v.asInt();
            }
        }
        return fallback;
    }

    /** A whole number, or null when the event does not carry it (optional fields added within a version). */
    public static Long optionalLong(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node == null ? null : node.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.asLong();
            }
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new PoisonEventException(name + " is not a whole number: " + v);
            }
        }
        return null;
    }

    /** True when the event carries a non-null {@code field}. */
    public static boolean present(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && !v.isNull();
    }

    /** The organisation block ({@code organisation} or {@code org}); poison when missing or without an ODS code. */
    public static JsonNode organisation(JsonNode data) {
        JsonNode org = data.has("organisation") ? data.get("organisation") : data.get("org");
        if (org == null || text(org, "odsCode") == null) {
            throw new PoisonEventException("missing field organisation.odsCode");
        }
        return org;
    }

    /**
     * Answers as one object keyed by question code, whether the event sends an object already or an array of
     * {@code {questionCode, ...}} items; each value keeps what the item says (value / answer / level / options / text).
     */
    public static ObjectNode answersByQuestion(JsonNode data) {
        JsonNode answers = data.get("answers");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (answers == null || answers.isNull()) {
            throw new PoisonEventException("missing field answers");
        }
        if (answers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), e.getValue());
            }
        } else if (answers.isArray()) {
            for (JsonNode item : answers) {
                String code = text(item, "questionCode", "questionId", "code", "question");
                if (code == null) {
                    throw new PoisonEventException("an answer has no question code");
                }
                out.set(code, item);
            }
        } else {
            throw new PoisonEventException("answers is neither an object nor an array");
        }
        return out;
    }

    /**
     * One answer reduced to a plain JSON value: yes/no → true/false, choices → array of codes, text → string,
     * levels → number. Item objects are unwrapped by their usual field names.
     */
    public static JsonNode canonical(JsonNode answer) {
        if (answer == null || answer.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (answer.isBoolean() || answer.isNumber() || answer.isArray()) {
            return answer;
        }
        if (answer.isTextual()) {
            String t = answer.asText().trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("yes") || t.equals("true")) {
                return JsonNodeFactory.instance.booleanNode(true);
            }
            if (t.equals("no") || t.equals("false")) {
                return JsonNodeFactory.instance.booleanNode(false);
            }
            return answer;
        }
        for (String field : new String[] {"yes", "yesNo", "value", "answer", "optionCodes", "options", "selected", "choices",
                "choice", "optionCode", "levelOrdinal", "level", "likert", "text", "freeText"}) {
            JsonNode v = answer.get(field);
            if (v != null && !v.isNull()) {
                return canonical(v);
            }
        }
        return answer;
    }

    /** {@link #answersByQuestion} with every value made {@link #canonical}. */
    public static ObjectNode canonicalAnswers(JsonNode data) {
        ObjectNode byQuestion = answersByQuestion(data);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        byQuestion.fields().forEachRemaining(e -> out.set(e.getKey(), canonical(e.getValue())));
        return out;
    }

    public static java.time.LocalDate date(String text) {
        try {
            return text == null ? null : java.time.LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (RuntimeException e) {
            throw new PoisonEventException("not an ISO date: " + text);
        }
    }

    public static java.time.OffsetDateTime timestamp(String text) {
        try {
            return text == null ? null : java.time.OffsetDateTime.parse(text);
        } catch (RuntimeException e) {
            throw new PoisonEventException("not an ISO date-time: " + text);
        }
    }
}
