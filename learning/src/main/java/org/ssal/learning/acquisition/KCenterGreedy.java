package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy k-center (farthest-first traversal, Gonzalez 1985), the selection rule of CoreSet
 * (Sener &amp; Savarese 2018, Algorithm 1 "k-Center-Greedy": "choose u = argmax_{i ∈ [n] \\ s}
 * min_{j ∈ s} Δ(x_i, x_j)"), over squared Euclidean distances of float embeddings.
 *
 * <p>The naive rule updates every row's distance to its nearest center after each pick, so it
 * streams the whole pool once per pick and is bound by memory bandwidth. This implementation
 * gives the same picks while evaluating far fewer distances, by lazy evaluation (the trick of
 * Minoux's accelerated greedy): a row's distance to its nearest center only shrinks as centers
 * are added, so a value computed against the first t centers is an upper bound for every later
 * step. Rows sit in a max-heap by that bound; a step pops the top row, and if it has not yet been
 * compared with the centers added since, compares it with them and pushes it back; the first row
 * popped that is up to date is the farthest one — every other row's true distance is at most its
 * bound, which is at most the winner's. Rows far from the current frontier are never looked at
 * again. A row is brought up to date only as far as it can still win: once its bound falls below
 * the next row's in the heap, it goes back with the centers it has not met yet still to come (its
 * bound stays an upper bound), and meets them only if it rises to the top again. When a row is
 * compared with a center, the center is skipped without evaluation when the
 * triangle inequality shows it cannot be nearer than the row's current nearest center c — when
 * |x − c| ≤ ½·|c − c'| (as Elkan 2003 does for k-means); a center-to-center distance is
 * computed once, and only when a row nearest to the earlier center needs it. On wide rows in a
 * large pool whose spread lies largely along a few directions, two cheaper proofs come first
 * ({@link ProjectedBound}): rows and centers get 32
 * coordinates along the pool's principal directions, whose distance bounds theirs from below, so
 * a center that is provably no nearer is skipped without reading the rows, and the center gaps
 * are such lower bounds (all a skip needs). A distance that is still evaluated stops as soon as
 * its partial sums reach the row's bound ({@link SquaredDistance#below}). {@link Result} counts
 * the full distance evaluations done (exact center gaps included, stopped ones as whole) against
 * the naive rule's n per center.
 *
 * <p>Exactly the naive result: a row's distance is the minimum of the same computed distances
 * ({@link SquaredDistance}: float differences, squares summed in double in a fixed order) whatever
 * the order they were computed in, and
 * ties go to the lower tie rank, in the heap order as in the naive arg-max. A triangle skip is
 * taken only with a relative margin of {@value #MARGIN} on the bound, far above the rounding of
 * the distances, so a skipped center is one whose computed distance would not have been smaller.
 */
public final class KCenterGreedy {
    /** Relative safety margin on the triangle-inequality bound (computed distances are exact to ~1e-7). */
    static final double MARGIN = 1e-4;
    /** Center gaps computed at once when a row needs more of them (enough to share among threads). */
    private static final int GAPS_AT_ONCE = 512;
    private static final double SKIP_FACTOR = (1 - MARGIN) * (1 - MARGIN) / 4; // u ≤ ¼·D²·(1−margin)²

    /**
     * @param picked      pool row indices in pick order
     * @param distances   Euclidean distance of each pick to its nearest center when it was picked
     *                    (NaN for a start row chosen without any center)
     * @param evaluations row-to-center distance evaluations done
     * @param naiveEvaluations what the naive rule does: n per center it adds
     */
    public record Result(int[] picked, double[] distances, long evaluations, long naiveEvaluations) {
        /** Share of the naive rule's distance evaluations that were skipped. */
        public double skippedFraction() {
            return naiveEvaluations == 0 ? 0 : 1 - (double) evaluations / naiveEvaluations;
        }
    }

    private KCenterGreedy() {
    }

    /**
     * Picks {@code k} distinct rows of {@code pool}, farthest-first from {@code centers}.
     *
     * @param pool     candidate rows, all of one dimension
     * @param centers  rows already covered (the labeled set); may be empty
     * @param k        how many to pick, at most pool.length
     * @param start    row picked first when {@code centers} is empty (ignored otherwise)
     * @param tieRank  a distinct rank per pool row; equal distances go to the lower rank
     * @param parallel whether to spread the first full pass over the common fork-join pool
     */
    public static Result run(float[][] pool, float[][] centers, int k, int start, int[] tieRank, boolean parallel) {
        return start(pool, centers, k, start, tieRank, parallel).result();
    }

    /** A traversal after its first picks (null when k is 0), and those picks. */
    record Started(Traversal traversal, Result result) {
    }

    /** {@link #run}, keeping the traversal so that it can go on. */
    static Started start(float[][] pool, float[][] centers, int k, int start, int[] tieRank, boolean parallel) {
        int n = pool.length;
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "], got " + k);
        }
        if (tieRank.length != n) {
            throw new IllegalArgumentException("tieRank has " + tieRank.length + " entries for " + n + " pool rows");
        }
        if (k == 0) {
            return new Started(null, new Result(new int[0], new double[0], 0, 0));
        }
        if (centers.length == 0 && (start < 0 || start >= n)) {
            throw new IllegalArgumentException("start must be in [0, " + n + ") when there are no centers, got " + start);
        }
        Traversal traversal = new Traversal(pool, centers, start, tieRank, parallel);
        Result result = traversal.pick(centers.length == 0 ? k - 1 : k);
        if (centers.length == 0) {
            int[] picked = new int[k];
            double[] distances = new double[k];
            picked[0] = start;
            distances[0] = Double.NaN;
            System.arraycopy(result.picked(), 0, picked, 1, k - 1);
            System.arraycopy(result.distances(), 0, distances, 1, k - 1);
            result = new Result(picked, distances, result.evaluations(), result.naiveEvaluations());
        }
        return new Started(traversal, result);
    }

    /**
     * A farthest-first traversal that can go on: {@link #pick} continues from the centers and
     * bounds it has, each pick becoming a center of the next. What it keeps — every row's bound,
     * how many centers the bound accounts for, the gaps between centers — depends only on the
     * pool, the centers and the picks, never on when they were added, so picking k and then k'
     * more gives the picks a fresh traversal over the same centers would (exactly: bounds are
     * minima of the same computed distances). The scorer keeps one per campaign between rounds
     * ({@link KCenterGreedyStrategy}), so a round costs its own picks, not the whole labeled set again.
     */
    static final class Traversal {
        private final float[][] pool;
        private final int[] tieRank;
        private final List<float[]> all;
        private final double[] bound;
        private final int[] comparedWith; // how many of the centers in `all` each bound accounts for
        private final int[] owner; // index in `all` of the center each bound is the distance to
        private final boolean[] taken;
        private final FarthestFirstHeap heap;
        private final CenterGaps centerGaps;
        /** Rows' and centers' coordinates on a few principal directions; null for narrow rows. */
        private final ProjectedBound.Rows projected;
        private long evaluations;
        private long naive;
        private long evaluationsReported;
        private long naiveReported;
        /** The last pick, a center only once the next pick is asked for (so a last round adds no gaps). */
        private int pendingCenter = -1;

        /**
         * Every row against the first center (the first of {@code centers}, else row {@code start},
         * which is then taken), so the heap starts from real bounds.
         */
        Traversal(float[][] pool, float[][] centers, int start, int[] tieRank, boolean parallel) {
            int n = pool.length;
            int d = pool[0].length;
            for (int i = 0; i < n; i++) {
                if (pool[i].length != d) {
                    throw new IllegalArgumentException("pool row " + i + " has dim " + pool[i].length + ", expected " + d);
                }
            }
            this.pool = pool;
            this.tieRank = tieRank;
            this.all = new ArrayList<>(List.of(centers));
            this.taken = new boolean[n];
            if (centers.length == 0) {
                taken[start] = true;
                all.add(pool[start]);
            }
            float[] first = all.get(0);
            this.bound = new double[n];
            IntStream rows = IntStream.range(0, n);
            (parallel ? rows.parallel() : rows).forEach(i -> bound[i] = SquaredDistance.of(pool[i], first));
            this.evaluations = n;
            this.naive = (long) n * centers.length + (centers.length == 0 ? n : 0);
            this.comparedWith = new int[n];
            Arrays.fill(comparedWith, 1);
            this.owner = new int[n];
            ProjectedBound projection = ProjectedBound.of(pool, parallel);
            this.projected = projection == null ? null : new ProjectedBound.Rows(projection, pool, parallel);
            if (projected != null) {
                for (float[] center : centers) {
                    projected.addCenter(center);
                }
                if (centers.length == 0) {
                    projected.addPoolRow(start);
                }
            }
            this.centerGaps = new CenterGaps(all, projected, parallel);
            this.heap = new FarthestFirstHeap(n);
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    heap.add(i, bound[i], tieRank[i]);
                }
            }
        }

        /** The pool this traversal picks from, by row. */
        float[][] pool() {
            return pool;
        }

        /** Whether row {@code i} has been picked (or was the start). */
        boolean taken(int i) {
            return taken[i];
        }

        /** Rows not picked yet. */
        int remaining() {
            return heap.size();
        }

        /**
         * The next {@code k} picks (at most {@link #remaining()}), farthest-first; the counts in the
         * result are those since the previous call (the first call's include the first pass).
         */
        Result pick(int k) {
            if (k < 0 || k > heap.size()) {
                throw new IllegalArgumentException("k must be in [0, " + heap.size() + "], got " + k);
            }
            int[] picked = new int[k];
            double[] distances = new double[k];
            for (int step = 0; step < k; step++) {
                if (pendingCenter >= 0) {
                    all.add(pool[pendingCenter]);
                    if (projected != null) {
                        projected.addPoolRow(pendingCenter);
                    }
                    naive += pool.length;
                    pendingCenter = -1;
                }
                int best = farthest();
                picked[step] = best;
                distances[step] = Math.sqrt(bound[best]);
                taken[best] = true;
                pendingCenter = best;
            }
            Result result = new Result(picked, distances, evaluations + centerGaps.evaluations - evaluationsReported,
                    naive - naiveReported);
            evaluationsReported = evaluations + centerGaps.evaluations;
            naiveReported = naive;
            return result;
        }

        /** Pops rows, bringing each up to date as far as it can still win, until the top one is up to date. */
        private int farthest() {
            while (true) {
                int top = heap.top();
                int centersNow = all.size();
                if (comparedWith[top] == centersNow) {
                    heap.removeTop();
                    return top;
                }
                double value = bound[top];
                int nearest = owner[top];
                int c = comparedWith[top];
                double reach = projected == null ? 0 : projected.reach(top, value);
                double[] gaps = centerGaps.after(nearest, Math.min(centersNow, c + GAPS_AT_ONCE));
                int gapsKnown = centerGaps.known(nearest);
                while (c < centersNow) {
                    if (c - nearest - 1 >= gapsKnown) {
                        gaps = centerGaps.after(nearest, Math.min(centersNow, c + GAPS_AT_ONCE));
                        gapsKnown = centerGaps.known(nearest);
                    }
                    // triangle inequality: |x − c| ≥ |c_nearest − c| − |x − c_nearest| ≥ |x − c_nearest|
                    if (value > gaps[c - nearest - 1] * SKIP_FACTOR
                            && (projected == null || !projected.farEnough(top, c, reach))) {
                        evaluations++;
                        double dist = SquaredDistance.below(pool[top], all.get(c), value);
                        if (dist < value) {
                            value = dist;
                            nearest = c;
                            if (heap.topWouldSink(value, tieRank[top])) {
                                // it cannot win this step; the rest of the new centers wait until it is on top again
                                c++;
                                break;
                            }
                            reach = projected == null ? 0 : projected.reach(top, value);
                            gaps = centerGaps.after(nearest, Math.min(centersNow, c + GAPS_AT_ONCE));
                            gapsKnown = centerGaps.known(nearest);
                        }
                    }
                    c++;
                }
                owner[top] = nearest;
                bound[top] = value;
                comparedWith[top] = c;
                heap.replaceTopKey(value);
            }
        }
    }

    /**
     * Squared distances between centers, each pair computed once and only when a row needs it: a
     * row compares its nearest center with the centers after it, so the gaps are kept by the
     * earlier center of each pair, in the order of the later one, and filled in as far as rows
     * nearest to that center have come. Centers that no row still in the running is nearest to
     * never get theirs.
     */
    private static final class CenterGaps {
        private final List<float[]> centers;
        /** Lower bounds instead of distances where rows are wide (a lower bound is all a skip needs); or null. */
        private final ProjectedBound.Rows projected;
        private final boolean parallel;
        /** after[i][j − i − 1] = |c_i − c_j|² (with {@code projected}: a lower bound on it) for i < j ≤ i + known[i]. */
        private double[][] after = new double[16][];
        private int[] known = new int[16];
        long evaluations;

        CenterGaps(List<float[]> centers, ProjectedBound.Rows projected, boolean parallel) {
            this.centers = centers;
            this.projected = projected;
            this.parallel = parallel;
        }

        /** How many gaps of center {@code i} {@link #after} holds. */
        int known(int i) {
            return i < known.length ? known[i] : 0;
        }

        /**
         * The gaps of center {@code i} to the centers after it (index j − i − 1), computed where
         * missing up to center {@code upTo} (exclusive).
         */
        double[] after(int i, int upTo) {
            if (i >= after.length) {
                int size = Math.max(2 * after.length, i + 1);
                after = Arrays.copyOf(after, size);
                known = Arrays.copyOf(known, size);
            }
            int have = known[i];
            int need = upTo - i - 1;
            if (need > have) {
                double[] gaps = after[i];
                if (gaps == null || gaps.length < need) {
                    gaps = Arrays.copyOf(gaps == null ? new double[0] : gaps, Math.max(need, 2 * have));
                    after[i] = gaps;
                }
                float[] ci = centers.get(i);
                double[] into = gaps;
                IntStream missing = IntStream.range(have, need);
                if (projected != null) {
                    missing.forEach(at -> into[at] = projected.centerGapLowerBound(i, i + 1 + at));
                } else {
                    (parallel && need - have > 256 ? missing.parallel() : missing)
                            .forEach(at -> into[at] = SquaredDistance.of(ci, centers.get(i + 1 + at)));
                    evaluations += need - have;
                }
                known[i] = need;
            }
            return after[i];
        }
    }

    /** |a - b|² in float, summed in index order (k-means and TypiClust use it). */
    static float squaredDistance(float[] a, float[] b) {
        float s = 0f;
        for (int j = 0; j < a.length; j++) {
            float e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }
}
