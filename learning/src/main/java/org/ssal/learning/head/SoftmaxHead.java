package org.ssal.learning.head;

/**
 * Multinomial logistic regression (a linear softmax layer) on standardised embeddings: the
 * linear-evaluation head of Bengar et al. 2021 ("a linear classifier ... trained on top of the
 * frozen self-supervised features").
 *
 * <p>It minimises the mean cross-entropy of the softmax over all seen classes jointly, plus
 * {@code ||W||² / (2 C n)} (bias not penalised) — the same convention as scikit-learn's
 * {@code LogisticRegression(C=1.0)}, the usual linear-probe default, so {@code C} means "inverse
 * regularisation strength" and the penalty shrinks as labels accumulate.
 *
 * <p>Why not liblinear: its logistic-regression solvers are one-vs-rest for more than two
 * classes, so their "probabilities" are independently normalised binary outputs. Entropy-based
 * acquisition ranks samples by exactly these probabilities, so this head solves the true
 * multinomial problem with a small deterministic L-BFGS ({@link Lbfgs}) instead.
 *
 * <p>Classes with no labels yet are left out of the fit; their logit is -inf and their
 * probability exactly 0 (see {@link LinearModel}). With a single seen class every sample gets
 * probability 1 for it. Deterministic: same inputs give bit-identical weights.
 */
public final class SoftmaxHead implements Classifier {
    /** Inverse regularisation strength; scikit-learn's default. */
    public static final double DEFAULT_C = 1.0;
    public static final int DEFAULT_MAX_ITERATIONS = 500;
    /** Stop when every gradient component of the mean loss is below this. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private final double c;
    private final int maxIterations;
    private final double tolerance;

    public SoftmaxHead() {
        this(DEFAULT_C, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    public SoftmaxHead(double c, int maxIterations, double tolerance) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("c must be a positive finite number, got " + c);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        this.c = c;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public TrainedHead fit(float[][] x, int[] y, int numClasses) {
        int d = HeadInputValidation.validateTrainingSet(x, y, numClasses);
        Standardizer standardizer = Standardizer.fit(x, d);
        SeenClasses seen = new SeenClasses(y, numClasses);
        double[][] weights = new double[numClasses][];
        double[] bias = new double[numClasses];
        int m = seen.count();
        if (m == 1) {
            // one class: the loss is minimised by any constant; the class gets logit 0
            weights[seen.classes[0]] = new double[d];
            return new LinearModel(standardizer, weights, bias);
        }
        double[] xs = standardizer.applyFlat(x);
        int[] target = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            target[i] = seen.denseIndex[y[i]];
        }
        // parameters: m rows of d weights, then m biases
        double[] theta = new double[m * d + m];
        Lbfgs.minimize(new SoftmaxLoss(xs, target, x.length, d, m, 1.0 / (c * x.length)), theta, maxIterations, tolerance);
        for (int k = 0; k < m; k++) {
            double[] w = new double[d];
            System.arraycopy(theta, k * d, w, 0, d);
            weights[seen.classes[k]] = w;
            bias[seen.classes[k]] = theta[m * d + k];
        }
        return new LinearModel(standardizer, weights, bias);
    }

    @Override
    public String toString() {
        return "SoftmaxHead(c=" + c + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ")";
    }
}
