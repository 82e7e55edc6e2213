package uk.nhs.impact.reporting.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.reporting.access.ReportAccessTable;

/**
 * The rows a view covers: its area (national, a region, an ICB with its trusts, or one provider) narrowed by the
 * optional segmentation parameters, as SQL conditions with positional parameters.
 *
 * @param segment "framework:segment", e.g. {@code nof-2022-23:3}, read at the reference date
 */
public record Segmentation(ReportAccessTable.Area area, String orgType, String trustType, String segment, LocalDate asOf) {

    /** Appends {@code and ...} conditions on the table's ods_code / icb_code / region_code / org_type / trust_type columns. */
    public void appendTo(StringBuilder sql, List<Object> params, String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        switch (area.level()) {
            case NATIONAL -> {
            }
            case REGION -> sql.append(" and ").append(p).append("region_code = $").append(add(params, area.code()));
            case ICB -> sql.append(" and (").append(p).append("icb_code = $").append(add(params, area.code()))
                    .append(" or ").append(p).append("ods_code = $").append(params.size()).append(")");
            case TRUST, DIRECTORATE -> sql.append(" and ").append(p).append("ods_code = $").append(add(params, area.code()));
        }
        if (orgType != null && !orgType.isBlank() && hasOrgType(alias)) {
            sql.append(" and ").append(p).append("org_type = $").append(add(params, orgType.toLowerCase(Locale.ROOT)));
        }
        if (trustType != null && !trustType.isBlank()) {
            sql.append(" and ").append(p).append("trust_type = $").append(add(params, trustType.toLowerCase(Locale.ROOT)));
        }
        if (segment != null && !segment.isBlank()) {
            String[] parts = segment.split(":");
            if (parts.length != 2 || !parts[1].matches("[1-5]")) {
                throw ProblemException.validation("segment", "must be framework:segment, e.g. nof-2022-23:3");
            }
            sql.append(" and ").append(p).append("ods_code in (select ods_code from oversight_segment where framework_id = $")
                    .append(add(params, parts[0])).append(" and segment = $").append(add(params, Integer.parseInt(parts[1])))
                    .append(" and effective_from <= $").append(add(params, asOf))
                    .append(" and (effective_to is null or effective_to >= $").append(params.size()).append("))");
        }
    }

    /**
     * Whether {@link #appendTo} selects the rows of a unit (its ods, trust type, ICB and region columns, and its organisation's
     * segments in force at {@link #asOf}, as {@link QueryFamily#segmentsOn} reads them), for views without an org type column.
     */
    public boolean holds(QueryFamily.Unit unit) {
        boolean inArea = switch (area.level()) {
            case NATIONAL -> true;
            case REGION -> area.code().equals(unit.regionCode());
            case ICB -> area.code().equals(unit.icbCode()) || area.code().equals(unit.odsCode());
            case TRUST, DIRECTORATE -> area.code().equals(unit.odsCode());
        };
        if (!inArea || trustType != null && !trustType.isBlank() && !trustType.toLowerCase(Locale.ROOT).equals(unit.trustType())) {
            return false;
        }
        if (segment == null || segment.isBlank()) {
            return true;
        }
        String[] parts = segment.split(":");
        if (parts.length != 2 || !parts[1].matches("[1-5]")) {
            throw ProblemException.validation("segment", "must be framework:segment, e.g. nof-2022-23:3");
        }
        return unit.segments().contains(parts[0] + ":" + Integer.parseInt(parts[1]));
    }

    /** The key of the cell this segmentation asks for, as {@link QueryFamily} names the cells of a family. */
    public String cellKey(boolean withOrgType) {
        return QueryFamily.key(area.code(), withOrgType ? orgType : null, trustType, segment);
    }

    /** Survey responses carry no org type column (all respondents are from trusts). */
    private boolean hasOrgType(String alias) {
        return !alias.equals("sr");
    }

    private static int add(List<Object> params, Object value) {
        params.add(value);
        return params.size();
    }

    public List<Object> newParams(Object... first) {
        return new ArrayList<>(List.of(first));
    }
}
