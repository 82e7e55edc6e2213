package uk.nhs.impact.reporting.audit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * What can be derived by adding and subtracting published cells, proved with linear algebra (commons-math3).
 * <p>
 * Each published cell gives the sum of one unknown value per hidden contributor in it (for every level, option or text the
 * cell publishes: the same sets, so one matrix serves them all): a row of the incidence matrix M, cells × hidden
 * contributors. A linear combination of published figures yields {@code Σ c_j x_j} exactly for the vectors c of the row
 * space of M. So the value of one contributor is derivable iff its unit vector is in the row space, and the total of a
 * group iff the group's indicator is.
 * <p>
 * Columns that are equal (contributors in exactly the same cells: an <em>atom</em>) are indistinguishable, and every vector
 * of the row space is constant on each atom; so the derivable groups are unions of atoms, and if every atom with a nonzero
 * column weighs at least k, no group of fewer than k contributors is derivable. Membership is decided by the singular value
 * decomposition of MᵀM (with atoms for columns): its singular vectors of nonzero singular values span the row space of M,
 * and a vector is in it iff its projection on them leaves nothing (M is a 0/1 matrix of modest size, far from the
 * tolerance the decomposition's rank uses).
 */
public final class RowSpaceProver {
    /** A class of contributors with identical columns, and its weight (contributors, or respondents). */
    public record Atom(Set<String> members, long weight) {
    }

    private final List<Atom> atoms = new ArrayList<>();
    private final Map<String, Integer> atomOf = new HashMap<>();
    private final List<boolean[]> reducedRows = new ArrayList<>();
    /** An orthonormal basis of the row space (atoms × rank), from the singular value decomposition. */
    private RealMatrix rowSpace;
    private int rank;

    /**
     * @param rows   each published cell's hidden contributors
     * @param weight a contributor's weight (absent: 1)
     */
    public RowSpaceProver(Collection<? extends Collection<String>> rows, Map<String, Long> weight) {
        List<Set<String>> distinct = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> (Set<String>) new TreeSet<>(r))
                .filter(r -> !r.isEmpty()).toList()));
        Map<String, BitSet> columns = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            for (String c : distinct.get(i)) {
                columns.computeIfAbsent(c, k -> new BitSet()).set(i);
            }
        }
        Map<BitSet, Integer> bySignature = new LinkedHashMap<>();
        List<Set<String>> members = new ArrayList<>();
        columns.forEach((c, signature) -> {
            int a = bySignature.computeIfAbsent(signature, s -> {
                members.add(new TreeSet<>());
                return members.size() - 1;
            });
            members.get(a).add(c);
            atomOf.put(c, a);
        });
        for (Set<String> m : members) {
            atoms.add(new Atom(Set.copyOf(m), m.stream().mapToLong(c -> weight.getOrDefault(c, 1L)).sum()));
        }
        for (Set<String> row : distinct) {
            boolean[] reduced = new boolean[atoms.size()];
            row.forEach(c -> reduced[atomOf.get(c)] = true);
            reducedRows.add(reduced);
        }
        decompose();
    }

    private void decompose() {
        if (reducedRows.isEmpty() || atoms.isEmpty()) {
            rank = 0;
            rowSpace = null;
            return;
        }
        // The row space of M is the column space of its Gram matrix MᵀM (atoms × atoms, far smaller than M): the singular
        // vectors of its nonzero singular values span it.
        int n = atoms.size();
        double[][] gram = new double[n][n];
        for (boolean[] row : reducedRows) {
            int[] ones = java.util.stream.IntStream.range(0, n).filter(j -> row[j]).toArray();
            for (int a : ones) {
                for (int b : ones) {
                    gram[a][b]++;
                }
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(gram, false));
        rank = svd.getRank();
        // singular values come largest first: the first `rank` singular vectors span the row space
        rowSpace = rank == 0 ? null : svd.getU().getSubMatrix(0, n - 1, 0, rank - 1);
    }

    public List<Atom> atoms() {
        return atoms;
    }

    /** The rank of the incidence matrix. */
    public int rank() {
        return rank;
    }

    /** The distinct nonempty cells. */
    public int cells() {
        return reducedRows.size();
    }

    /**
     * True when the total of the group's values follows from the published cells: its indicator is in the row space.
     * A group that is not a union of atoms never is (nor one holding a contributor of no published cell).
     */
    public boolean determines(Collection<String> group) {
        if (group.isEmpty()) {
            return true;
        }
        RealVector v = new ArrayRealVector(atoms.size());
        Map<Integer, Integer> inGroup = new HashMap<>();
        for (String c : group) {
            Integer a = atomOf.get(c);
            if (a == null) {
                return false;
            }
            inGroup.merge(a, 1, Integer::sum);
        }
        for (Map.Entry<Integer, Integer> e : inGroup.entrySet()) {
            if (e.getValue() != atoms.get(e.getKey()).members().size()) {
                return false;
            }
            v.setEntry(e.getKey(), 1);
        }
        return inRowSpace(v);
    }

    /** Atoms lighter than k (and not empty) whose total is derivable: groups of fewer than k found by difference. */
    public List<Atom> derivableBelow(long k) {
        List<Atom> out = new ArrayList<>();
        for (int a = 0; a < atoms.size(); a++) {
            Atom atom = atoms.get(a);
            if (atom.weight() > 0 && atom.weight() < k && unitInRowSpace(a)) {
                out.add(atom);
            }
        }
        return out;
    }

    /** Atoms lighter than k (and not empty): with none, no group below k is derivable at all. */
    public List<Atom> smallAtoms(long k) {
        return atoms.stream().filter(a -> a.weight() > 0 && a.weight() < k).toList();
    }

    private boolean unitInRowSpace(int atom) {
        RealVector v = new ArrayRealVector(atoms.size());
        v.setEntry(atom, 1);
        return inRowSpace(v);
    }

    /** True when projecting {@code v} on the row space leaves nothing of it. */
    private boolean inRowSpace(RealVector v) {
        if (rowSpace == null) {
            return v.getNorm() == 0;
        }
        RealVector projected = rowSpace.operate(rowSpace.transpose().operate(v));
        return v.subtract(projected).getNorm() <= 1e-9 * Math.max(1, v.getNorm());
    }
}
