package org.ssal.learning.head;

import java.util.stream.IntStream;

/**
 * Mean cross-entropy of a linear softmax over standardised rows, plus (λ/2)·||W||², with its
 * gradient: the objective {@link SoftmaxHead} minimises. Parameters are m rows of d weights, then
 * m biases.
 *
 * <p>The numbers are part of the result: an audit re-fits every round's head and compares
 * accuracies and picks by their bits. Every quantity is therefore summed in one fixed order,
 * whatever the thread count: a logit is its bias plus the products w_kj·x_ij added in index order
 * j; a gradient entry adds r_ik·x_ij in sample order i; the loss adds the samples' terms in
 * sample order. What is free is which of these independent sums runs where: logits are
 * computed for a panel of samples at once from a transposed copy of the rows, the gradient for
 * a run of features at once ({@link LaneKernels}, vector lanes = samples or features), and
 * samples are split across cores for the logits, features for the gradient. {@code
 * SoftmaxLossTest} keeps the one-sample definition and compares bits.
 */
final class SoftmaxLoss implements Lbfgs.Objective {
    /** Panels of samples per parallel task of the logits. */
    private static final int PANELS_PER_TASK = 16;
    /** Features per parallel task of the gradient (a multiple of every vector width). */
    private static final int SLICE = 128;
    /** Samples per gradient block: the block's rows of one slice stay in the second-level cache. */
    private static final int ROWS_PER_BLOCK = 128;
    /** Below this many multiply-adds per evaluation, splitting the work costs more than it saves. */
    private static final long PARALLEL_WORK = 1L << 20;

    private final double[] rows;
    /** The rows transposed in panels of {@link LaneKernels#lanes()} samples, zero-padded. */
    private final double[] panels;
    private final int[] target;
    private final int n;
    private final int d;
    private final int m;
    private final double lambda;
    private final boolean parallel;
    /** residual[i * m + k] = p_ik − [i has class k]: the gradient's weight of row i for class k. */
    private final double[] residual;
    private final double[] sampleLoss;

    /**
     * @param rows   n standardised rows of d features, row-major
     * @param target each row's class among the m fitted ones
     */
    SoftmaxLoss(double[] rows, int[] target, int n, int d, int m, double lambda) {
        this.rows = rows;
        this.target = target;
        this.n = n;
        this.d = d;
        this.m = m;
        this.lambda = lambda;
        this.panels = panels(rows, n, d, LaneKernels.lanes());
        this.parallel = (long) n * d * m >= PARALLEL_WORK && Runtime.getRuntime().availableProcessors() > 1;
        this.residual = new double[m * n];
        this.sampleLoss = new double[n];
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        int lanes = LaneKernels.lanes();
        int panelCount = (n + lanes - 1) / lanes;
        int tasks = (panelCount + PANELS_PER_TASK - 1) / PANELS_PER_TASK;
        forEach(tasks, t -> residualsOfPanels(theta, t * PANELS_PER_TASK, Math.min(panelCount, (t + 1) * PANELS_PER_TASK)));
        int slices = (d + SLICE - 1) / SLICE;
        forEach(slices, s -> gradientOfSlice(grad, s * SLICE, Math.min(d, (s + 1) * SLICE)));
        biasGradient(grad);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += sampleLoss[i];
        }
        double penalty = 0;
        int biasAt = m * d;
        for (int p = 0; p < biasAt; p++) {
            penalty += theta[p] * theta[p];
            grad[p] = grad[p] / n + lambda * theta[p];
        }
        for (int k = 0; k < m; k++) {
            grad[biasAt + k] /= n;
        }
        return loss / n + 0.5 * lambda * penalty;
    }

    /** Logits, probabilities, residuals and loss terms of the samples of panels [from, to). */
    private void residualsOfPanels(double[] theta, int from, int to) {
        int lanes = LaneKernels.lanes();
        double[] bias = java.util.Arrays.copyOfRange(theta, m * d, m * d + m);
        double[] logits = new double[m * lanes]; // logits[k * lanes + l]
        double[] z = new double[m];
        for (int p = from; p < to; p++) {
            LaneKernels.panelDots(panels, p * d * lanes, d, theta, m, bias, logits);
            for (int l = 0; l < lanes && p * lanes + l < n; l++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < m; k++) {
                    max = Math.max(max, logits[k * lanes + l]);
                }
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    z[k] = Math.exp(logits[k * lanes + l] - max);
                    sum += z[k];
                }
                int sample = p * lanes + l;
                int t = target[sample];
                // -log p_target = log(sum) + max - logit_target
                sampleLoss[sample] = Math.log(sum) + max - logits[t * lanes + l];
                for (int k = 0; k < m; k++) {
                    residual[sample * m + k] = z[k] / sum - (k == t ? 1.0 : 0.0);
                }
            }
        }
    }

    /**
     * Weight gradient of features [from, to) for every class, in blocks of samples taken in
     * order, so a block's rows are read from cache once per group of classes.
     */
    private void gradientOfSlice(double[] grad, int from, int to) {
        for (int k = 0; k < m; k++) {
            java.util.Arrays.fill(grad, k * d + from, k * d + to, 0);
        }
        for (int first = 0; first < n; first += ROWS_PER_BLOCK) {
            LaneKernels.addScaledRows(grad, residual, rows, m, d, from, to, first, Math.min(n, first + ROWS_PER_BLOCK));
        }
    }

    /**
     * Σ_i r_ik in sample order. The definition skips a residual of exactly 0 here and in the
     * weight gradient; adding it changes nothing (rows are finite, and a sum started at +0 is
     * never −0), so the kernels add it.
     */
    private void biasGradient(double[] grad) {
        int biasAt = m * d;
        for (int k = 0; k < m; k++) {
            double bias = 0;
            for (int i = 0; i < n; i++) {
                bias += residual[i * m + k];
            }
            grad[biasAt + k] = bias;
        }
    }

    private void forEach(int count, java.util.function.IntConsumer task) {
        IntStream range = IntStream.range(0, count);
        (parallel ? range.parallel() : range).forEach(task);
    }

    private static double[] panels(double[] rows, int n, int d, int lanes) {
        double[] out = new double[(n + lanes - 1) / lanes * lanes * d];
        for (int i = 0; i < n; i++) {
            int panel = i / lanes * d * lanes + i % lanes;
            for (int j = 0; j < d; j++) {
                out[panel + j * lanes] = rows[i * d + j];
            }
        }
        return out;
    }
}
