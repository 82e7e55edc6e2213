package uk.nhs.impact.reporting.audit;

import java.util.StringJoiner;

/** One query a caller can make of a report view; null parameters are not given. */
public record Query(View view, String area, String orgType, String trustType, String segment, String odsCode, String peers) {

    public enum View {
        DISTRIBUTION, POSITION, SURVEY, PROFILE
    }

    public static Query distribution(String area, String orgType, String trustType, String segment) {
        return new Query(View.DISTRIBUTION, area, orgType, trustType, segment, null, null);
    }

    public static Query survey(String area, String trustType, String segment) {
        return new Query(View.SURVEY, area, null, trustType, segment, null, null);
    }

    public static Query position(String odsCode, String peers) {
        return new Query(View.POSITION, null, null, null, null, odsCode, peers);
    }

    public static Query profile(String odsCode) {
        return new Query(View.PROFILE, null, null, null, null, odsCode, null);
    }

    public boolean unfiltered() {
        return orgType == null && trustType == null && segment == null;
    }

    public Query withFilters(String orgType, String trustType, String segment) {
        return new Query(view, area, orgType, trustType, segment, odsCode, peers);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("&", view.name().toLowerCase() + "?", "");
        add(j, "area", area);
        add(j, "orgType", orgType);
        add(j, "trustType", trustType);
        add(j, "segment", segment);
        add(j, "ods", odsCode);
        add(j, "peers", peers);
        return j.toString();
    }

    private static void add(StringJoiner j, String name, String value) {
        if (value != null) {
            j.add(name + "=" + value);
        }
    }
}
