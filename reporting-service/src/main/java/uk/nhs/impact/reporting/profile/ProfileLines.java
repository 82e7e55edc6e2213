package uk.nhs.impact.reporting.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Line;

/** Turning counts into a profile's lines: each option's share of its item, from counts. */
final class ProfileLines {
    private static final Pattern NUMBERED = Pattern.compile("([^0-9]*)([0-9]+)(.*)");

    /** Items in a stable, readable order: C1 before C2, Q2 before Q10. */
    static final Comparator<String> ITEM_ORDER = Comparator.<String, String>comparing(s -> part(s, 1))
            .thenComparingInt(s -> part(s, 2).length()).thenComparing(s -> part(s, 2)).thenComparing(s -> part(s, 3));

    private ProfileLines() {
    }

    /** For every item, each option's count of all the item's counts (a multi-choice item's denominator is given apart). */
    static List<Line> shares(Map<String, Map<String, Long>> byItem) {
        List<Line> out = new ArrayList<>();
        byItem.forEach((item, counts) -> {
            long n = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.forEach((option, c) -> out.add(new Line(item, option, Figure.of(c, n))));
        });
        return out;
    }

    private static String part(String s, int group) {
        Matcher m = NUMBERED.matcher(s);
        return m.matches() ? m.group(group) : group == 1 ? s : "";
    }
}
