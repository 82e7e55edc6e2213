package uk.nhs.impact.platform.hierarchy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hierarchy as the bundled reference data under {@code reference/} describes it: the base every change set applies to. */
final class BundledHierarchy {
    static final LocalDate BEGINNING = LocalDate.of(1948, 7, 5);
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final String NHS_ENGLAND = OrganisationHierarchy.NHS_ENGLAND;
    private static final LocalDate ICBS_ESTABLISHED = OrganisationHierarchy.ICBS_ESTABLISHED;

    private BundledHierarchy() {
    }

    static HierarchySnapshot load() {
        List<Organisation> orgs = new ArrayList<>();
        List<ParentLink> links = new ArrayList<>();
        orgs.add(new Organisation(NHS_ENGLAND, "NHS England", OrgLevel.NATIONAL, null, BEGINNING, null, true));
        for (Map<String, String> r : rows("reference/regions.csv")) {
            orgs.add(new Organisation(r.get("ods_code"), "NHS England - " + r.get("name"), OrgLevel.REGION, null, BEGINNING, null, true));
            links.add(new ParentLink(r.get("ods_code"), NHS_ENGLAND, BEGINNING, null));
        }
        for (Map<String, String> r : rows("reference/icbs.csv")) {
            orgs.add(new Organisation(r.get("ods_code"), r.get("name"), OrgLevel.ICB, null, ICBS_ESTABLISHED, null, true));
            links.add(new ParentLink(r.get("ods_code"), r.get("region_ods_code"), ICBS_ESTABLISHED, null));
        }
        for (Map<String, String> r : rows("reference/trusts.csv")) {
            LocalDate open = parseDate(r.get("open_date"), BEGINNING);
            String closeText = r.get("close_date");
            LocalDate close = parseDate(closeText, null);
            boolean confirmed = closeText.isEmpty() || !closeText.toUpperCase().contains("UNCONFIRMED");
            orgs.add(new Organisation(r.get("ods_code"), r.get("name"), OrgLevel.TRUST, r.get("trust_type"), open, close, confirmed));
            LocalDate linkFrom = open.isBefore(ICBS_ESTABLISHED) ? ICBS_ESTABLISHED : open;
            if (close == null || !close.isBefore(linkFrom)) {
                links.add(new ParentLink(r.get("ods_code"), r.get("icb_ods_code"), linkFrom, close));
            }
        }
        for (Map<String, String> r : rows("reference/directorates.csv")) {
            orgs.add(new Organisation(r.get("code"), r.get("name"), OrgLevel.DIRECTORATE, null, BEGINNING, null, true));
            links.add(new ParentLink(r.get("code"), NHS_ENGLAND, BEGINNING, null));
        }
        return new HierarchySnapshot(orgs, links, List.of(), List.of());
    }

    /**
     * The rows of a bundled CSV file (RFC 4180, a header line naming the columns), each value trimmed; a column a row
     * leaves out reads as empty, blank lines and values beyond the header are skipped.
     */
    static List<Map<String, String>> rows(String resource) {
        CsvMapper csv = CsvMapper.builder()
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES, CsvParser.Feature.INSERT_NULLS_FOR_MISSING_COLUMNS,
                        CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE)
                .build();
        try (InputStream in = BundledHierarchy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Reference data missing from the classpath: " + resource);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                    .readValues(in)) {
                while (it.hasNext()) {
                    Map<String, String> row = new HashMap<>(it.next());
                    row.replaceAll((column, value) -> value == null ? "" : value.trim());
                    rows.add(row);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** yyyymmdd, yyyy-mm-dd, or text holding an ISO date (e.g. "UNCONFIRMED (c. 2024-10-31)"). */
    static LocalDate parseDate(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (text.matches("\\d{8}")) {
            return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
        }
        Matcher m = ISO_DATE.matcher(text);
        return m.find() ? LocalDate.parse(m.group(1)) : fallback;
    }
}
