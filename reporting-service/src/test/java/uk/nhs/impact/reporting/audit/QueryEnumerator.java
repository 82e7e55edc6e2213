package uk.nhs.impact.reporting.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.nhs.impact.platform.hierarchy.OrgLevel;

/**
 * Every query the API offers a caller, over the population's areas and filter values.
 * <ul>
 *   <li>Areas: the default (none named), X24, each region, ICB and trust of the population.</li>
 *   <li>Filters: orgType (none, trust, icb, region; self-assessments only), trustType (none, each present, one unknown),
 *   segment (none, each framework:segment present). An area the caller may read gets every combination; a single
 *   organisation's area gets each filter value alone (there a filter can only keep or drop the one organisation, unless
 *   {@code fullProductEverywhere}).</li>
 *   <li>An area the caller may not read (its unfiltered query answered 404) is probed again with each filter value alone
 *   when it is the default, X24 or a region, to show that no filter opens it.</li>
 *   <li>Positions: every organisation of the population (those keeping their assessment private included) × trust_type,
 *   icb, region.</li>
 *   <li>Profiles: every trust, ICB and region of the population, for the population's cycle (and the one before).</li>
 * </ul>
 */
public final class QueryEnumerator {
    static final String UNKNOWN_TRUST_TYPE = "hospice";
    private static final List<String> ORG_TYPES = Arrays.asList(null, "trust", "icb", "region");
    private static final List<String> PEERS = List.of("trust_type", "icb", "region");

    private final Population population;
    private final boolean fullProductEverywhere;

    public QueryEnumerator(Population population, boolean fullProductEverywhere) {
        this.population = population;
        this.fullProductEverywhere = fullProductEverywhere;
    }

    /** The unfiltered query of each view for each area (null: the caller's default area). */
    public List<Query> probes() {
        List<Query> out = new ArrayList<>();
        for (String area : areas()) {
            out.add(Query.distribution(area, null, null, null));
            out.add(Query.survey(area, null, null));
        }
        return out;
    }

    /** The filtered queries that follow a probe, given whether the probe was answered (200) or not (404). */
    public List<Query> expand(Query probe, boolean readable) {
        OrgLevel level = probe.area() == null ? null : population.levelOf(probe.area());
        boolean single = level == OrgLevel.TRUST;
        boolean wide = level == null || level == OrgLevel.NATIONAL || level == OrgLevel.REGION;
        List<String> orgTypes = probe.view() == Query.View.DISTRIBUTION ? ORG_TYPES : Arrays.asList((String) null);
        List<Query> out = new ArrayList<>();
        if (readable && (!single || fullProductEverywhere)) {
            for (String orgType : orgTypes) {
                for (String trustType : trustTypes()) {
                    for (String segment : segments()) {
                        if (orgType != null || trustType != null || segment != null) {
                            out.add(probe.withFilters(orgType, trustType, segment));
                        }
                    }
                }
            }
        } else if (readable || wide) {
            orgTypes.stream().filter(o -> o != null).forEach(o -> out.add(probe.withFilters(o, null, null)));
            trustTypes().stream().filter(t -> t != null).forEach(t -> out.add(probe.withFilters(null, t, null)));
            segments().stream().filter(s -> s != null).forEach(s -> out.add(probe.withFilters(null, null, s)));
        }
        return out;
    }

    public List<Query> positions() {
        List<Query> out = new ArrayList<>();
        for (Population.Assessment a : population.assessments) {
            for (String peers : PEERS) {
                out.add(Query.position(a.odsCode(), peers));
            }
        }
        return out;
    }

    /** Every organisation's profile: each trust, ICB and region of the population (X24 has none). */
    public List<Query> profiles() {
        List<Query> out = new ArrayList<>();
        population.trusts.forEach(o -> out.add(Query.profile(o)));
        population.icbs.forEach(o -> out.add(Query.profile(o)));
        population.regions.forEach(o -> out.add(Query.profile(o)));
        return out;
    }

    private List<String> areas() {
        List<String> out = new ArrayList<>();
        out.add(null);
        out.addAll(population.areas());
        return out;
    }

    private List<String> trustTypes() {
        List<String> out = new ArrayList<>();
        out.add(null);
        out.addAll(population.trustTypesPresent());
        out.add(UNKNOWN_TRUST_TYPE);
        return out;
    }

    private List<String> segments() {
        List<String> out = new ArrayList<>();
        out.add(null);
        out.addAll(population.segmentsPresent());
        return out;
    }
}
