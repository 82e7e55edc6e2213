package uk.nhs.impact.reporting.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/**
 * What one organisation filed for a cycle and the cycle before: its baseline return, its self-assessment (as far as the
 * viewer may see it) and its survey results, each beside its peers in its region and nationally. In CSV, one row per
 * figure; the own baseline answers and the survey comments shown are rows with the value in the option column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganisationProfile(String odsCode, String name, String orgType, String trustType, String icbCode, String regionCode,
        String cycle, String previousCycle, LocalDate referenceDate, String sharedAtLeast, List<Section> sections) implements CsvTable {

    /** Whether a section has something for the viewer. */
    public enum Availability {
        /** shown */
        AVAILABLE,
        /** nothing filed that reporting holds for this cycle (baseline and survey: collected data, so this may be said) */
        NONE,
        /** the self-assessment: not available to the caller, whether or not one exists */
        NOT_AVAILABLE
    }

    /**
     * One kind of return for one cycle.
     *
     * @param kind    baseline, self-assessment or survey
     * @param period  current or previous
     * @param source  the collection, run or cycle the figures come from
     * @param answers the organisation's own baseline answers as filed (baseline only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String kind, String period, String cycle, String source, LocalDate referenceDate, Availability own,
            String note, Map<String, Object> answers, List<Group> groups, List<String> comments) {
    }

    /**
     * The organisation's own figures, or one peer group's.
     *
     * @param group        own, region or national
     * @param contributors organisations (respondents, for the survey) behind the figures: collected data, always shown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(String group, String code, long contributors, boolean suppressed, String suppressionReason, List<Line> lines) {
    }

    /** One figure: a question (or component) and an option (a level, "yes", an option code, or "answered"). */
    public record Line(String item, String option, Figure figure) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("ods_code", "cycle", "section", "period", "source", "own", "group", "group_code", "contributors", "item", "option",
                "numerator", "denominator", "percentage", "suppressed", "suppression_reason");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Section s : sections) {
            if (s.answers() != null) {
                s.answers().forEach((q, value) -> rows.add(row(s, "own", odsCode, null, q, String.valueOf(value), null)));
            }
            for (Group g : s.groups()) {
                if (g.lines().isEmpty() && g.suppressed()) {
                    rows.add(row(s, g.group(), g.code(), g.contributors(), null, null, Figure.suppressed(null, g.suppressionReason())));
                }
                for (Line l : g.lines()) {
                    rows.add(row(s, g.group(), g.code(), g.contributors(), l.item(), l.option(), l.figure()));
                }
            }
            if (s.comments() != null) {
                s.comments().forEach(c -> rows.add(row(s, "own", odsCode, null, "comment", c, null)));
            }
        }
        return rows;
    }

    private List<Object> row(Section s, String group, String code, Long contributors, String item, String option, Figure f) {
        return new ArrayList<>(Arrays.asList(odsCode, s.cycle(), s.kind(), s.period(), s.source(), s.own().name().toLowerCase(), group, code,
                contributors, item, option, f == null ? null : f.numerator(), f == null ? null : f.denominator(),
                f == null ? null : f.percentage(), f != null && f.suppressed(), f == null ? null : f.suppressionReason()));
    }
}
