package uk.nhs.impact.reporting.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/**
 * One organisation's self-assessment against the distribution of its peers (same trust type nationally, same ICB or same
 * region), per component and per question. Peers count only when they share at the peer group's level; with too few of
 * them the peer side is suppressed and only their number is shown.
 */
public record ProviderPosition(String cycle, String odsCode, String peerGroup, String peerGroupCode, String peersSharedAtLeast,
        long peers, boolean suppressed, String suppressionReason, List<Item> components, List<Item> questions)
        implements
            CsvTable {

    public enum Position {
        ABOVE, AT, BELOW;

        /** Where the organisation's level stands against its peers' median (null when the peers have none). */
        public static Position of(BigDecimal own, BigDecimal peerMedian) {
            if (peerMedian == null) {
                return null;
            }
            int c = own.compareTo(peerMedian);
            return c > 0 ? ABOVE : c < 0 ? BELOW : AT;
        }
    }

    /**
     * @param own the organisation's median level over the item's questions (for a question, its level)
     * @param position own against the peers' median; null when suppressed
     */
    public record Item(String code, String component, BigDecimal own, LevelDistribution peerDistribution, Position position) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("cycle", "ods_code", "peer_group", "peer_group_code", "peers", "grouping", "code", "component", "own_level",
                "peer_median", "position", "level", "numerator", "denominator", "percentage", "suppressed", "suppression_reason");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        add(rows, "component", components);
        add(rows, "question", questions);
        return rows;
    }

    private void add(List<List<Object>> rows, String grouping, List<Item> items) {
        for (Item item : items) {
            LevelDistribution d = item.peerDistribution();
            if (d.suppressed()) {
                rows.add(row(grouping, item, null, Figure.suppressed(d.answers(), d.suppressionReason())));
            }
            for (LevelDistribution.LevelCount level : d.levels()) {
                rows.add(row(grouping, item, level.level(), level.figure()));
            }
        }
    }

    private List<Object> row(String grouping, Item item, Integer level, Figure f) {
        List<Object> row = new ArrayList<>();
        row.add(cycle);
        row.add(odsCode);
        row.add(peerGroup);
        row.add(peerGroupCode);
        row.add(peers);
        row.add(grouping);
        row.add(item.code());
        row.add(item.component());
        row.add(item.own());
        row.add(item.peerDistribution().median());
        row.add(item.position());
        row.add(level);
        row.add(f.numerator());
        row.add(f.denominator());
        row.add(f.percentage());
        row.add(f.suppressed());
        row.add(f.suppressionReason());
        return row;
    }
}
