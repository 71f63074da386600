package org.ssal.learning.acquisition;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A cheap lower bound on the distance between two rows, for {@link KCenterGreedy} to skip a
 * center without reading whole rows: the rows' coordinates on a few orthonormal directions along
 * which the pool varies most (approximate principal components, from a sample). For orthonormal
 * directions Q, |Q(x − c)| ≤ |x − c|, and Q(x − c) = Qx − Qc, so the distance between two rows'
 * {@link #DIRECTIONS} coordinates is a lower bound on theirs; most of a pool's spread lies along
 * its first principal directions, so the bound is close. In k-center greedy, rows are compared
 * with centers about twice as far away (squared) as their nearest one, and the bound alone shows
 * that for most of them.
 *
 * <p>Only a proof is used, never an estimate: the directions need not be exact principal
 * components (any orthonormal ones give a bound), and the rounding of the stored coordinates and
 * of the directions' orthonormality is taken off the bound ({@link Rows#farEnough}). So skipping with
 * it changes which distances are computed, never a pick.
 */
final class ProjectedBound {
    /** Directions kept: the bound costs this many elements instead of a row's d. */
    static final int DIRECTIONS = 32;
    /** Rows narrower than this are compared in full: the bound would save little. */
    static final int MIN_DIMENSION = 4 * DIRECTIONS;
    private static final int SAMPLE = 1024;
    /**
     * Below this share of the sample's spread along the directions the bound is not built: it
     * would prove almost nothing (rows are compared with centers about 2.3× as far, squared, as
     * their nearest one: the bound needs a good part of the spread) and its set-up and tests
     * would cost. Measured shares: Fashion-MNIST pixels 0.83; the demo's synthetic 3×13×13
     * images 0.22 (the bound still spares 13 % of the distances); isotropic noise in 512
     * dimensions 0.14 (the sample's own noise makes it more than 32/512).
     */
    private static final double MIN_CAPTURED = 0.18;
    private static final int POWER_ITERATIONS = 3;
    private static final long SEED = 42;

    private final float[] mean;
    /** The directions by element: byElement[j·DIRECTIONS + t] is element j of direction t. */
    private final float[] byElement;
    /** Error of a stored coordinate vector per unit of the row's distance to the mean. */
    private final double errorPerRadius;
    /** Upper bound on the directions' largest singular value (1 when exactly orthonormal). */
    private final double stretch;

    private ProjectedBound(float[] mean, float[][] directions) {
        this.mean = mean;
        int d = mean.length;
        this.byElement = new float[d * DIRECTIONS];
        for (int t = 0; t < DIRECTIONS; t++) {
            for (int j = 0; j < d; j++) {
                byElement[j * DIRECTIONS + t] = directions[t][j];
            }
        }
        // a coordinate is a float dot product of d terms, plus the subtraction of the mean and the
        // coordinate's own rounding: within (d + 2)·2^-24·|x − mean| (Cauchy–Schwarz, |direction| ≈ 1);
        // twice that, over DIRECTIONS coordinates, as a vector norm
        this.stretch = stretchOf(directions);
        this.errorPerRadius = 2 * (d + 2) * 0x1p-24 * Math.sqrt(DIRECTIONS) * stretch;
    }

    /**
     * The bound for {@code pool}, or null when one would not pay off: rows too narrow, too few
     * of them, or spread too evenly over their dimensions.
     *
     * @param parallel whether to spread the work over the common fork-join pool
     */
    static ProjectedBound of(float[][] pool, boolean parallel) {
        if (pool.length < 2 * SAMPLE || pool[0].length < MIN_DIMENSION) {
            return null;
        }
        int d = pool[0].length;
        int m = SAMPLE;
        int step = pool.length / m;
        float[] mean = new float[d];
        double[] sum = new double[d];
        for (int i = 0; i < m; i++) {
            float[] row = pool[i * step];
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / m);
        }
        float[][] centered = new float[m][d];
        for (int i = 0; i < m; i++) {
            float[] row = pool[i * step];
            for (int j = 0; j < d; j++) {
                centered[i][j] = row[j] - mean[j];
            }
        }
        // subspace iteration: Q ← orth(Qᵀ·Xᵀ·X), starting from random directions
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] q = new double[DIRECTIONS][d];
        for (double[] direction : q) {
            for (int j = 0; j < d; j++) {
                direction[j] = random.nextGaussian();
            }
        }
        orthonormalize(q);
        for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            float[][] qf = toFloat(q);
            double[][] next = new double[DIRECTIONS][d];
            IntStream directionsRange = IntStream.range(0, DIRECTIONS);
            (parallel ? directionsRange.parallel() : directionsRange).forEach(t -> {
                double[] into = next[t];
                for (float[] row : centered) {
                    double weight = SquaredDistance.dot(row, qf[t]);
                    for (int j = 0; j < d; j++) {
                        into[j] += weight * row[j];
                    }
                }
            });
            q = next;
            orthonormalize(q);
        }
        float[][] directions = toFloat(q);
        if (capturedShare(centered, directions) < MIN_CAPTURED) {
            return null;
        }
        ProjectedBound bound = new ProjectedBound(mean, directions);
        // rows that vary in fewer directions (or not at all) leave some directions undefined (0/0)
        return Double.isFinite(bound.stretch) && Double.isFinite(bound.errorPerRadius) ? bound : null;
    }

    /** The coordinates of {@code row}: what {@link Rows#farEnough} compares. */
    float[] coordinates(float[] row) {
        float[] coordinates = new float[DIRECTIONS];
        SquaredDistance.project(row, mean, byElement, coordinates, 0);
        return coordinates;
    }

    /** Error of a row's stored coordinates, as a vector: proportional to |row − mean|. */
    private double slack(float[] row) {
        return errorPerRadius * Math.sqrt(SquaredDistance.of(row, mean)) * (1 + 1e-9);
    }

    /**
     * The coordinates of a traversal's pool rows and of its centers (pool rows or labeled rows),
     * each in one array (a row's {@link #DIRECTIONS} floats side by side), with the error of each,
     * so that the test of a row against a center reads two short runs of memory.
     */
    static final class Rows {
        private final ProjectedBound bound;
        private final float[] rowCoordinates;
        private final double[] rowSlack;
        private float[] centerCoordinates = new float[16 * DIRECTIONS];
        private double[] centerSlack = new double[16];
        private int centers;

        Rows(ProjectedBound bound, float[][] pool, boolean parallel) {
            this.bound = bound;
            this.rowCoordinates = new float[pool.length * DIRECTIONS];
            this.rowSlack = new double[pool.length];
            IntStream rows = IntStream.range(0, pool.length);
            (parallel ? rows.parallel() : rows).forEach(i -> {
                SquaredDistance.project(pool[i], bound.mean, bound.byElement, rowCoordinates, i * DIRECTIONS);
                rowSlack[i] = bound.slack(pool[i]);
            });
        }

        /** The next center is a row from outside the pool. */
        void addCenter(float[] vector) {
            add(bound.coordinates(vector), 0, bound.slack(vector));
        }

        /** The next center is pool row {@code row}. */
        void addPoolRow(int row) {
            add(rowCoordinates, row * DIRECTIONS, rowSlack[row]);
        }

        /**
         * What {@link #farEnough} needs for pool row {@code row} to be at a squared distance of at
         * least {@code limit} from a center: √limit times the directions' stretch, plus the row's error.
         */
        double reach(int row, double limit) {
            return Math.sqrt(limit * (1 + 1e-9)) * bound.stretch + rowSlack[row];
        }

        /**
         * Whether pool row {@code row} is provably at a squared distance of at least the limit its
         * {@code reach} was made for from center {@code center}, so that its computed distance is too:
         * |x − c| ≥ |Q(x − c)| / stretch ≥ (|a − b| − errors) / stretch, for coordinates a, b. The
         * coordinates' squared distance is summed in float (within 34·2^-24 of exact, relatively).
         */
        boolean farEnough(int row, int center, double reach) {
            double s = SquaredDistance.shortSquared(rowCoordinates, row * DIRECTIONS, centerCoordinates,
                    center * DIRECTIONS, DIRECTIONS);
            double needed = reach + centerSlack[center];
            // a sum that overflowed float proves nothing
            return s < Float.MAX_VALUE && s * (1 - 1e-5) >= needed * needed;
        }

        /**
         * A lower bound on the squared distance between centers {@code i} and {@code j}, good as
         * the exact one wherever a lower bound is all that is needed (the triangle-inequality skip).
         */
        double centerGapLowerBound(int i, int j) {
            double s = SquaredDistance.shortSquared(centerCoordinates, i * DIRECTIONS, centerCoordinates,
                    j * DIRECTIONS, DIRECTIONS);
            if (!(s < Float.MAX_VALUE)) {
                return 0; // overflowed float: no bound
            }
            double lower = (Math.sqrt(s * (1 - 1e-5)) - centerSlack[i] - centerSlack[j]) / bound.stretch;
            return lower > 0 ? lower * lower * (1 - 1e-9) : 0; // NaN: no bound either
        }

        private void add(float[] coordinates, int from, double slack) {
            if (centers == centerSlack.length) {
                centerSlack = Arrays.copyOf(centerSlack, 2 * centers);
                centerCoordinates = Arrays.copyOf(centerCoordinates, 2 * centers * DIRECTIONS);
            }
            System.arraycopy(coordinates, from, centerCoordinates, centers * DIRECTIONS, DIRECTIONS);
            centerSlack[centers++] = slack;
        }
    }

    /** The share of the sample's spread (sum of squared distances to the mean) along the directions. */
    private static double capturedShare(float[][] centered, float[][] directions) {
        double along = 0;
        double total = 0;
        for (float[] row : centered) {
            for (float[] direction : directions) {
                double coordinate = SquaredDistance.scalarDot(row, direction); // in double: no overflow
                along += coordinate * coordinate;
            }
            total += SquaredDistance.scalarDot(row, row);
        }
        return total > 0 ? along / total : 0;
    }

    /** Gram–Schmidt, twice (once more makes double rounding's loss of orthogonality negligible). */
    private static void orthonormalize(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 0; t < q.length; t++) {
                for (int u = 0; u < t; u++) {
                    double projection = dot(q[t], q[u]);
                    for (int j = 0; j < q[t].length; j++) {
                        q[t][j] -= projection * q[u][j];
                    }
                }
                double norm = Math.sqrt(dot(q[t], q[t]));
                for (int j = 0; j < q[t].length; j++) {
                    q[t][j] /= norm;
                }
            }
        }
    }

    /**
     * An upper bound on the largest singular value of the float directions: sqrt of the largest
     * Gershgorin row sum of their Gram matrix, computed in double (exact products of floats) with
     * room for its rounding.
     */
    private static double stretchOf(float[][] directions) {
        double largest = 0;
        for (float[] a : directions) {
            double row = 0;
            for (float[] b : directions) {
                double g = 0;
                for (int j = 0; j < a.length; j++) {
                    g += (double) a[j] * b[j];
                }
                row += Math.abs(g);
            }
            largest = Math.max(largest, row);
        }
        return Math.sqrt(largest * (1 + 1e-9)) * (1 + 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static float[][] toFloat(double[][] q) {
        float[][] out = new float[q.length][q[0].length];
        for (int t = 0; t < q.length; t++) {
            for (int j = 0; j < q[t].length; j++) {
                out[t][j] = (float) q[t][j];
            }
        }
        return out;
    }
}
