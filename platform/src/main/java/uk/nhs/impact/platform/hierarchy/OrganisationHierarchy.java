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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NHS organisation hierarchy, effective-dated: NHS England (X24) → 7 regions → 42 ICBs → trusts, plus
 * NHS England's national directorates. Every lookup takes the date it is asked for, so a 2023 collection is
 * reported against the 2023 hierarchy even after the 2024 mergers. Immutable once loaded.
 */
public final class OrganisationHierarchy {
    public static final String NHS_ENGLAND = "X24";
    /** ICBs were established on this date (and their parent links with them). */
    public static final LocalDate ICBS_ESTABLISHED = LocalDate.of(2022, 7, 1);
    private static final LocalDate BEGINNING = LocalDate.of(1948, 7, 5);
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private final Map<String, Organisation> byCode;
    private final Map<String, List<ParentLink>> parents;
    private final Map<String, List<ParentLink>> children;

    OrganisationHierarchy(List<Organisation> organisations, List<ParentLink> links) {
        Map<String, Organisation> orgs = new HashMap<>();
        organisations.forEach(o -> orgs.put(o.odsCode(), o));
        Map<String, List<ParentLink>> up = new HashMap<>();
        Map<String, List<ParentLink>> down = new HashMap<>();
        for (ParentLink l : links) {
            up.computeIfAbsent(l.child(), k -> new ArrayList<>()).add(l);
            down.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l);
        }
        this.byCode = Collections.unmodifiableMap(orgs);
        this.parents = up;
        this.children = down;
    }

    /** Loads the bundled reference data under {@code reference/}. */
    public static OrganisationHierarchy loadBundled() {
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
        return new OrganisationHierarchy(orgs, links);
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
        try (InputStream in = OrganisationHierarchy.class.getClassLoader().getResourceAsStream(resource)) {
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

    /** The organisation if the code is known at all, whatever the date. */
    public Optional<Organisation> find(String odsCode) {
        return Optional.ofNullable(odsCode == null ? null : byCode.get(odsCode));
    }

    /** The organisation if it was open on {@code date}. */
    public Optional<Organisation> find(String odsCode, LocalDate date) {
        return find(odsCode).filter(o -> o.openOn(date));
    }

    /** The direct parent on {@code date} (a trust's ICB, an ICB's region, a region's or directorate's X24). */
    public Optional<String> parentOf(String odsCode, LocalDate date) {
        return parents.getOrDefault(odsCode, List.of()).stream().filter(l -> l.validOn(date)).map(ParentLink::parent).findFirst();
    }

    /** The (host) ICB of a trust on {@code date}. */
    public Optional<String> icbOf(String odsCode, LocalDate date) {
        return find(odsCode, date).filter(o -> o.level() == OrgLevel.TRUST).flatMap(o -> parentOf(odsCode, date));
    }

    /** The region of a trust, ICB or region itself on {@code date}. */
    public Optional<String> regionOf(String odsCode, LocalDate date) {
        Optional<Organisation> org = find(odsCode, date);
        if (org.isEmpty()) {
            return Optional.empty();
        }
        return switch (org.get().level()) {
            case REGION -> Optional.of(odsCode);
            case ICB -> parentOf(odsCode, date);
            case TRUST -> icbOf(odsCode, date).flatMap(icb -> parentOf(icb, date));
            default -> Optional.empty();
        };
    }

    /** The organisations directly below {@code odsCode} on {@code date}, in code order. */
    public List<Organisation> childrenOf(String odsCode, LocalDate date) {
        return children.getOrDefault(odsCode, List.of()).stream().filter(l -> l.validOn(date))
                .map(l -> byCode.get(l.child())).filter(o -> o != null && o.openOn(date))
                .sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** The trusts of an ICB on {@code date}. */
    public List<Organisation> trustsOfIcb(String icbCode, LocalDate date) {
        return childrenOf(icbCode, date).stream().filter(o -> o.level() == OrgLevel.TRUST).toList();
    }

    /** The ICBs of a region on {@code date}. */
    public List<Organisation> icbsOfRegion(String regionCode, LocalDate date) {
        return childrenOf(regionCode, date).stream().filter(o -> o.level() == OrgLevel.ICB).toList();
    }

    /** The trusts of a region on {@code date}. */
    public List<Organisation> trustsOfRegion(String regionCode, LocalDate date) {
        return icbsOfRegion(regionCode, date).stream().flatMap(icb -> trustsOfIcb(icb.odsCode(), date).stream())
                .sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** Every organisation of a level open on {@code date}, in code order. */
    public List<Organisation> all(OrgLevel level, LocalDate date) {
        return byCode.values().stream().filter(o -> o.level() == level && o.openOn(date))
                .sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** True when {@code descendant} sits at or below {@code ancestor} on {@code date}. */
    public boolean isWithin(String descendant, String ancestor, LocalDate date) {
        String current = descendant;
        for (int depth = 0; current != null && depth < 5; depth++) {
            if (current.equals(ancestor)) {
                return true;
            }
            current = parentOf(current, date).orElse(null);
        }
        return false;
    }
}
