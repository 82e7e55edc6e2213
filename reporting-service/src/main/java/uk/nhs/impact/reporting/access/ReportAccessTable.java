package uk.nhs.impact.reporting.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;

/**
 * The one place that decides who may read which report view: the rows of {@code report-access.csv} beside this class.
 * A caller gets the widest row whose role it holds at the row's organisation level; no row, no report view (404).
 */
@ApplicationScoped
public class ReportAccessTable {
    /** One row of the table. */
    public record Rule(String role, OrgLevel level, Viewer.Reach reach, Viewer.Tier tier) {
    }

    private final OrganisationHierarchy hierarchy;
    private final List<Rule> rules;

    public ReportAccessTable(OrganisationHierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.rules = load();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The caller as a report viewer. */
    public Viewer viewerOf(OrgScope scope) {
        Optional<OrgLevel> level = Optional.ofNullable(scope.orgCode()).flatMap(hierarchy::find).map(Organisation::level);
        return rules.stream()
                .filter(r -> scope.has(r.role()) && level.filter(l -> l == r.level()).isPresent())
                .max(Comparator.comparing(Rule::reach))
                .map(r -> new Viewer(scope.orgCode(), r.reach(), r.tier(), scope))
                .orElseGet(() -> Viewer.none(scope));
    }

    /**
     * The area a view covers: the one asked for, else the viewer's own; 404 when the viewer may not read it, as if it had
     * no view, so that nothing about it is disclosed.
     */
    public Area area(Viewer viewer, String requested, LocalDate asOf) {
        if (!viewer.readsReports()) {
            throw ProblemException.notFound("Report");
        }
        String code = requested == null || requested.isBlank() ? defaultArea(viewer) : requested.trim().toUpperCase(Locale.ROOT);
        Organisation org = hierarchy.find(code).orElseThrow(() -> ProblemException.notFound("Area " + code));
        if (!mayRead(viewer, code, asOf)) {
            throw ProblemException.notFound("Area " + code);
        }
        return new Area(org.odsCode(), org.level());
    }

    /**
     * The organisation whose profile is asked for: a trust, ICB, region or directorate the viewer may read views of (its own
     * provider view, or one within its area) as the hierarchy stood on {@code asOf}; 404 otherwise, unknown codes included.
     */
    public Organisation profile(Viewer viewer, String odsCode, LocalDate asOf) {
        String code = odsCode == null ? "" : odsCode.trim().toUpperCase(Locale.ROOT);
        Optional<Organisation> org = hierarchy.find(code).filter(o -> o.level() != OrgLevel.NATIONAL);
        if (!viewer.readsReports() || org.isEmpty() || !mayRead(viewer, code, asOf)) {
            throw ProblemException.notFound("Organisation profile " + code);
        }
        return org.get();
    }

    /** Every organisation whose profile the viewer may read on {@code asOf} (the peer groups it can compare against). */
    public List<Organisation> profiles(Viewer viewer, LocalDate asOf) {
        if (!viewer.readsReports()) {
            return List.of();
        }
        List<Organisation> out = new ArrayList<>();
        for (OrgLevel level : List.of(OrgLevel.REGION, OrgLevel.ICB, OrgLevel.TRUST, OrgLevel.DIRECTORATE)) {
            hierarchy.all(level, asOf).stream().filter(o -> mayRead(viewer, o.odsCode(), asOf)).forEach(out::add);
        }
        return out;
    }

    /** True when the viewer may read views of {@code area} as the hierarchy stood on {@code asOf}. */
    public boolean mayRead(Viewer viewer, String area, LocalDate asOf) {
        return switch (viewer.reach()) {
            case NONE -> false;
            case OWN -> viewer.orgCode().equals(area);
            case WITHIN -> viewer.orgCode().equals(area) || hierarchy.isWithin(area, viewer.orgCode(), asOf);
            case ALL -> true;
        };
    }

    private static String defaultArea(Viewer viewer) {
        return viewer.reach() == Viewer.Reach.ALL ? OrganisationHierarchy.NHS_ENGLAND : viewer.orgCode();
    }

    private static List<Rule> load() {
        List<Rule> out = new ArrayList<>();
        try (InputStream in = ReportAccessTable.class.getResourceAsStream("report-access.csv")) {
            if (in == null) {
                throw new IllegalStateException("report-access.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 4) {
                    throw new IllegalStateException("report-access.csv: 4 columns expected in: " + line);
                }
                out.add(new Rule(f[0].trim(), OrgLevel.valueOf(f[1].trim()), Viewer.Reach.valueOf(f[2].trim()),
                        Viewer.Tier.valueOf(f[3].trim())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /** An area a view covers: X24, a region, an ICB (its trusts and its own returns), or one organisation (its own returns). */
    public record Area(String code, OrgLevel level) {
        public boolean isNational() {
            return level == OrgLevel.NATIONAL;
        }

        /** One organisation's own returns: a provider or a directorate. */
        public boolean isSingleOrganisation() {
            return level == OrgLevel.TRUST || level == OrgLevel.DIRECTORATE;
        }
    }
}
