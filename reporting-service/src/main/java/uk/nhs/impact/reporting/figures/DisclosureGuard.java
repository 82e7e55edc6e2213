package uk.nhs.impact.reporting.figures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one disclosure guard every published figure of a self-assessment or survey view passes through, knowing the viewer.
 * <p>
 * It is given every cell the viewer can ask for in one family of linked tables (every area it may read × every filter value
 * and combination, and the peer groups it may compare against), each as the set of contributors in it that the viewer may
 * not read one by one ("hidden" contributors, with a weight: 1 per organisation, or the number of respondents of a trust
 * who answered the question). Contributors the viewer may read one by one tell it nothing new and are left out.
 * <ul>
 *   <li>Primary suppression: a cell with hidden weight from 1 to k-1 is suppressed.</li>
 *   <li>Secondary suppression: cells are published in a fixed order (widest first) only while every <em>atom</em> — a class
 *   of hidden contributors that belong to exactly the same published cells — keeps a weight of at least k. Every value
 *   that can be derived from published cells by adding and subtracting them is constant on atoms, so it covers whole
 *   atoms: no group of fewer than k hidden contributors can be derived from the published figures, whatever totals,
 *   margins, sibling segments or differences are combined. A cell that would split off a smaller atom is suppressed.</li>
 * </ul>
 * The pattern depends only on counts of contributors (collected data), never on their answers, and on the whole family,
 * never on the order queries are asked in, so every query of the same viewer sees the same pattern.
 */
public final class DisclosureGuard {
    /**
     * A cell the viewer can ask for: its key, its rank (wider cells have lower ranks and are decided first: national before
     * region, before ICB, before one organisation; fewer filters before more) and its hidden contributors.
     */
    public record Cell(String key, int rank, Set<String> hidden) {
    }

    /** Why a cell is suppressed. */
    public enum Reason {
        PRIMARY, SECONDARY
    }

    private DisclosureGuard() {
    }

    /**
     * Decides every cell of a family.
     *
     * @param cells  every cell the viewer can ask for; decided by rank, then key (the order decides which of two linked
     *               cells is kept)
     * @param weight each hidden contributor's weight; contributors of weight 0 are ignored
     * @param k      the threshold (3 organisations, 10 respondents)
     */
    public static Plan plan(List<Cell> cells, Map<String, Long> weight, int k) {
        Map<String, Integer> index = new HashMap<>();
        List<Long> unitWeight = new ArrayList<>();
        weight.forEach((unit, w) -> {
            if (w != null && w > 0) {
                index.put(unit, index.size());
                unitWeight.add(w);
            }
        });
        int[] atomOf = new int[index.size()];
        java.util.Arrays.fill(atomOf, -1);
        List<Long> atomWeight = new ArrayList<>();
        Map<BitSet, Reason> seen = new HashMap<>();
        Map<String, Reason> suppressed = new LinkedHashMap<>();
        List<Cell> ordered = new ArrayList<>(cells);
        ordered.sort(java.util.Comparator.comparingInt(Cell::rank).thenComparing(Cell::key));
        for (Cell cell : ordered) {
            BitSet members = new BitSet();
            for (String unit : cell.hidden()) {
                Integer i = index.get(unit);
                if (i != null) {
                    members.set(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            Reason decided = seen.get(members);
            if (decided == null && !seen.containsKey(members)) {
                decided = decide(members, unitWeight, atomOf, atomWeight, k);
                seen.put(members, decided);
            }
            if (decided != null) {
                suppressed.put(cell.key(), decided);
            }
        }
        return new Plan(k, suppressed);
    }

    /** Publishes the cell (refining the atoms) and answers null, or answers why it must be suppressed. */
    private static Reason decide(BitSet members, List<Long> unitWeight, int[] atomOf, List<Long> atomWeight, int k) {
        long total = 0;
        Map<Integer, Long> inside = new HashMap<>();
        for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
            total += unitWeight.get(i);
            inside.merge(atomOf[i], unitWeight.get(i), Long::sum);
        }
        if (total < k) {
            return Reason.PRIMARY;
        }
        for (Map.Entry<Integer, Long> e : inside.entrySet()) {
            long in = e.getValue();
            long out = e.getKey() < 0 ? 0 : atomWeight.get(e.getKey()) - in;
            if (in < k || out > 0 && out < k) {
                return Reason.SECONDARY;
            }
        }
        Map<Integer, Integer> renamed = new HashMap<>();
        for (Map.Entry<Integer, Long> e : inside.entrySet()) {
            int old = e.getKey();
            boolean whole = old >= 0 && atomWeight.get(old).equals(e.getValue());
            if (whole) {
                renamed.put(old, old);
            } else {
                if (old >= 0) {
                    atomWeight.set(old, atomWeight.get(old) - e.getValue());
                }
                atomWeight.add(e.getValue());
                renamed.put(old, atomWeight.size() - 1);
            }
        }
        for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
            atomOf[i] = renamed.get(atomOf[i]);
        }
        return null;
    }

    /** The decisions for one family: a cell not named here (including one with no hidden contributor) is published. */
    public record Plan(int threshold, Map<String, Reason> suppressed) {
        public boolean published(String key) {
            return !suppressed.containsKey(key);
        }

        /** A sentence for the figure's suppression reason, naming the unit counted ("organisations", "respondents"). */
        public String reason(String key, String unit) {
            Reason r = suppressed.get(key);
            if (r == null) {
                return null;
            }
            return r == Reason.PRIMARY
                    ? "fewer than " + threshold + " " + unit + " that the viewer may not read one by one"
                    : "would let a group of fewer than " + threshold + " " + unit + " be found by difference with other figures";
        }

        /** A plan that suppresses nothing (a family with no hidden contributor). */
        public static Plan none(int threshold) {
            return new Plan(threshold, Map.of());
        }
    }
}
