package uk.nhs.impact.platform.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import uk.nhs.impact.platform.problem.ProblemException;

/** Search results as a FHIR {@code searchset} Bundle, and the search parameters every kind of return shares. */
public final class Searches {
    private Searches() {
    }

    /**
     * A page of matches; {@code next} is the query string of the following page, absent on the last. Links and full URLs are
     * absolute, on the base the caller addressed.
     */
    public static Bundle searchset(String type, List<? extends Resource> matches, String self, String next) {
        String base = FhirRequests.currentBase();
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.addLink().setRelation("self").setUrl(base + "/" + type + (self == null || self.isEmpty() ? "" : "?" + self));
        if (next != null) {
            b.addLink().setRelation("next").setUrl(base + "/" + type + "?" + next);
        }
        for (Resource r : matches) {
            b.addEntry().setFullUrl(base + "/" + type + "/" + r.getIdElement().getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        if (next == null && self != null && !self.contains("_cursor=")) {
            b.setTotal(matches.size());
        }
        return b;
    }

    /** An {@code authored} date range from FHIR date parameters ({@code ge2024-01-01}, {@code lt2024-04-01}, {@code 2024-03-31}). */
    public record DateRange(Instant from, Instant to) {
        public static final DateRange ANY = new DateRange(null, null);

        public static DateRange of(List<String> params, String name) {
            Instant from = null;
            Instant to = null;
            for (String p : params == null ? List.<String>of() : params) {
                String prefix = p.length() > 2 && Character.isLetter(p.charAt(0)) ? p.substring(0, 2) : "eq";
                String value = prefix.equals("eq") && !p.startsWith("eq") ? p : p.substring(2);
                LocalDate day;
                try {
                    day = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
                } catch (RuntimeException e) {
                    throw ProblemException.validation(name, "must be a date (YYYY-MM-DD), with an optional prefix eq, ge, gt, le or lt");
                }
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                switch (prefix) {
                    case "eq" -> {
                        from = later(from, start);
                        to = earlier(to, end);
                    }
                    case "ge" -> from = later(from, start);
                    case "gt" -> from = later(from, end);
                    case "le" -> to = earlier(to, end);
                    case "lt" -> to = earlier(to, start);
                    default -> throw ProblemException.validation(name, "prefix " + prefix + " is not one of eq, ge, gt, le, lt");
                }
            }
            return new DateRange(from, to);
        }

        public boolean contains(Instant t) {
            if (from == null && to == null) {
                return true;
            }
            return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
        }

        private static Instant later(Instant a, Instant b) {
            return a == null || b.isAfter(a) ? b : a;
        }

        private static Instant earlier(Instant a, Instant b) {
            return a == null || b.isBefore(a) ? b : a;
        }
    }

    /** The ODS code of a {@code subject:identifier} parameter ({@code system|value}, or the value alone). */
    public static String subjectOds(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        int bar = param.indexOf('|');
        if (bar >= 0 && !param.substring(0, bar).equals(Fhir.ODS_SYSTEM)) {
            throw ProblemException.validation("subject:identifier", "must be in the system " + Fhir.ODS_SYSTEM);
        }
        String ods = (bar < 0 ? param : param.substring(bar + 1)).trim().toUpperCase(java.util.Locale.ROOT);
        if (!ods.matches("[A-Z0-9-]{3,12}")) {
            throw ProblemException.validation("subject:identifier", "must be an ODS code");
        }
        return ods;
    }

    /**
     * The query string of a search's next page: {@code query} as the caller sent it (raw, still encoded; it is the self
     * link's), without its {@code _cursor}, then {@code _cursor} set to {@code cursor}.
     */
    public static String nextPage(String query, String cursor) {
        String kept = query == null
                ? ""
                : java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.startsWith("_cursor=") && !p.equals("_cursor"))
                        .collect(java.util.stream.Collectors.joining("&"));
        return (kept.isEmpty() ? "" : kept + "&") + "_cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A search value with FHIR's escapes undone ({@code \|}, {@code \,}, {@code \$}, {@code \\}): clients such as HAPI's escape
     * the bar of {@code url|version}.
     */
    public static String unescape(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "|,$\\".indexOf(value.charAt(i + 1)) >= 0) {
                c = value.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
