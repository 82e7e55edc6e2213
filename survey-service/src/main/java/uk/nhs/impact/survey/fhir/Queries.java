package uk.nhs.impact.survey.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Query strings of search Bundles' self and next links. */
final class Queries {
    static final String CURSOR = "_cursor";

    private Queries() {
    }

    /** The parameters as a query string; with a {@code cursor}, the page after it (any {@value #CURSOR} given is replaced). */
    static String encode(Map<String, List<String>> params, String cursor) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, values) -> {
            if (cursor != null && CURSOR.equals(name)) {
                return;
            }
            for (String v : values) {
                parts.add(enc(name) + "=" + enc(v));
            }
        });
        if (cursor != null) {
            parts.add(CURSOR + "=" + enc(cursor));
        }
        return String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");
    }
}
