package uk.nhs.impact.reporting.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.query.QueryFamily;

/**
 * The organisations a profile compares one with: those of the same kind (a trust's trust type; otherwise its organisation
 * type) in its region, or nationally. The organisation itself is one of its peers, so every profile in the group shows the
 * same peer figure, and its own figure beside it tells the viewer nothing it may not read one by one.
 *
 * @param regionCode the region, or null for the national group
 */
public record PeerGroup(String orgType, String trustType, String regionCode) {
    /**
     * Peer cells are decided after every cell of the views that already exist (their ranks stay below 100), so adding them
     * never changes what those views publish; national groups before regional ones.
     */
    static final int RANK_NATIONAL = 100;
    static final int RANK_REGION = 110;

    public PeerGroup {
        orgType = lower(orgType);
        trustType = lower(trustType);
    }

    /** "national" or "region". */
    public String scope() {
        return regionCode == null ? "national" : "region";
    }

    /** E.g. {@code Y60:acute}, {@code X24:acute}, {@code Y60:icb}. */
    public String code() {
        return (regionCode == null ? OrganisationHierarchy.NHS_ENGLAND : regionCode) + ":" + (trustType != null ? trustType : orgType);
    }

    public String key() {
        return "profile-peers=" + code();
    }

    public int rank() {
        return regionCode == null ? RANK_NATIONAL : RANK_REGION;
    }

    /** Whether a contributor with these attributes is in the group (survey respondents carry no organisation type: trusts). */
    public boolean includes(String unitOrgType, String unitTrustType, String unitRegion) {
        String type = unitOrgType == null ? "trust" : lower(unitOrgType);
        return orgType.equals(type) && Objects.equals(trustType, lower(unitTrustType))
                && (regionCode == null || regionCode.equals(unitRegion));
    }

    /** The cells of these groups, each holding the hidden contributors in it. */
    static List<DisclosureGuard.Cell> cells(Collection<PeerGroup> groups, Map<String, QueryFamily.Unit> hidden) {
        List<DisclosureGuard.Cell> out = new ArrayList<>();
        for (PeerGroup g : new LinkedHashSet<>(groups)) {
            Set<String> members = new LinkedHashSet<>();
            hidden.forEach((id, u) -> {
                if (g.includes(u.orgType(), u.trustType(), u.regionCode())) {
                    members.add(id);
                }
            });
            out.add(new DisclosureGuard.Cell(g.key(), g.rank(), members));
        }
        return out;
    }

    /**
     * The plan for a viewer's family: the cells of the views that exist ({@code existing}, exactly as those views build
     * them) and the peer cells of every profile it may read, decided after them.
     */
    static DisclosureGuard.Plan plan(List<DisclosureGuard.Cell> existing, Collection<PeerGroup> reachable,
            Map<String, QueryFamily.Unit> hidden, Map<String, Long> weight, int k) {
        if (hidden.isEmpty()) {
            return DisclosureGuard.Plan.none(k);
        }
        List<DisclosureGuard.Cell> cells = new ArrayList<>(existing);
        cells.addAll(cells(reachable, hidden));
        return DisclosureGuard.plan(cells, weight, k);
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }
}
