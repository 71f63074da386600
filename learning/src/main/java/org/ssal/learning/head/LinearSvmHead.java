package org.ssal.learning.head;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;

/**
 * Linear SVM, one-vs-rest, on standardised embeddings: the SVM head of Bengar et al. 2021, whose
 * decision values feed the min-margin acquisition of Tong &amp; Koller 2001.
 *
 * <p>Each seen class c gets its own binary L2-regularised squared-hinge SVM (c versus all other
 * labeled samples), solved by liblinear's dual coordinate descent ({@code L2R_L2LOSS_SVC_DUAL},
 * Fan et al. 2008, "LIBLINEAR: A Library for Large Linear Classification") with a bias feature of
 * 1 — the same problem as scikit-learn's {@code LinearSVC()} defaults (C=1, squared hinge, OvR).
 * Training the binary problems ourselves rather than liblinear's multi-class mode keeps one weight
 * vector per class even when exactly two classes have labels.
 *
 * <p>{@link TrainedHead#decisionValues} are the signed margins w_c·x + b_c. {@link
 * TrainedHead#probabilities} are the softmax of these margins: an SVM has no calibrated
 * probabilities, and the softmax keeps the arg-max and the order of margins (Platt scaling would
 * need held-out labels we do not have at low budgets).
 *
 * <p>Classes with no labels yet get margin -inf and probability 0; with a single seen class that
 * class gets margin 0 (there is nothing to separate it from). Deterministic: liblinear shuffles
 * coordinates with the {@link Random} it is given, and every binary problem gets a fresh
 * {@code Random(0)}.
 */
public final class LinearSvmHead implements Classifier {
    /** Penalty of the hinge loss; liblinear's and scikit-learn's default. */
    public static final double DEFAULT_C = 1.0;
    /** Dual solver stopping tolerance; tighter than liblinear's 0.1 so toy sets separate fully. */
    public static final double DEFAULT_EPSILON = 0.01;

    static {
        // liblinear prints iteration logs to stdout unless told not to; the core never prints
        Linear.disableDebugOutput();
    }

    private final double c;
    private final double epsilon;

    public LinearSvmHead() {
        this(DEFAULT_C, DEFAULT_EPSILON);
    }

    public LinearSvmHead(double c, double epsilon) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("c must be a positive finite number, got " + c);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        this.c = c;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "svm";
    }

    @Override
    public TrainedHead fit(float[][] x, int[] y, int numClasses) {
        int d = HeadInputValidation.validateTrainingSet(x, y, numClasses);
        Standardizer standardizer = Standardizer.fit(x, d);
        SeenClasses seen = new SeenClasses(y, numClasses);
        double[][] weights = new double[numClasses][];
        double[] bias = new double[numClasses];
        if (seen.count() == 1) {
            weights[seen.classes[0]] = new double[d];
            return new LinearModel(standardizer, weights, bias);
        }
        Feature[][] features = toFeatures(standardizer.applyFlat(x), x.length, d);
        for (int cls : seen.classes) {
            Problem problem = new Problem();
            problem.l = x.length;
            problem.n = d + 1; // the last feature is the constant bias input
            problem.bias = 1.0;
            problem.x = features;
            problem.y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                problem.y[i] = y[i] == cls ? +1 : -1;
            }
            Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, epsilon);
            parameter.setRandom(new Random(0));
            Model model = Linear.train(problem, parameter);
            double[] w = model.getFeatureWeights(); // d feature weights, then the bias weight
            // liblinear's decision value is for its first label, i.e. the label of sample 0
            double sign = model.getLabels()[0] == +1 ? 1.0 : -1.0;
            double[] wc = new double[d];
            for (int j = 0; j < d; j++) {
                wc[j] = sign * w[j];
            }
            weights[cls] = wc;
            bias[cls] = sign * w[d] * problem.bias;
        }
        return new LinearModel(standardizer, weights, bias);
    }

    private static Feature[][] toFeatures(double[] xs, int n, int d) {
        Feature[][] out = new Feature[n][];
        for (int i = 0; i < n; i++) {
            Feature[] row = new Feature[d + 1];
            for (int j = 0; j < d; j++) {
                row[j] = new FeatureNode(j + 1, xs[i * d + j]); // liblinear indices start at 1
            }
            row[d] = new FeatureNode(d + 1, 1.0);
            out[i] = row;
        }
        return out;
    }

    @Override
    public String toString() {
        return "LinearSvmHead(c=" + c + ", epsilon=" + epsilon + ")";
    }
}
