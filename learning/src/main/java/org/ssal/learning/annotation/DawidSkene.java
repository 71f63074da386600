package org.ssal.learning.annotation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dawid &amp; Skene (1979), "Maximum likelihood estimation of observer error-rates using the EM
 * algorithm": every annotator j has a confusion matrix θ_j[k][l] = P(j answers l | true class k),
 * the classes have priors π_k, and EM alternates
 * <ul>
 *   <li>E-step: T_ik = P(item i is k | answers) ∝ π_k · Π_j θ_j[k][answer of j on i];</li>
 *   <li>M-step: π and θ from the expected counts T.</li>
 * </ul>
 * It starts from the majority-vote proportions, as the paper does. Deviation from the paper: the
 * counts get a small pseudo-count ({@link #SMOOTHING}) so that an annotator who never gave some
 * answer does not get probability 0 (one unseen answer would then veto a class outright); EM then
 * maximises the likelihood plus the matching Dirichlet log-prior ({@link Result#objectives()}),
 * which never decreases from one iteration to the next.
 *
 * <p>Deterministic: items and annotators are processed in sorted id order, and a posterior tie
 * goes to the smallest class index (as in {@link MajorityVote}).
 */
public final class DawidSkene {
    /** Pseudo-count added to every class-prior and confusion-matrix count. */
    public static final double SMOOTHING = 0.01;

    /**
     * @param labels      the aggregated label per sample id
     * @param posteriors  P(true class | answers) per sample id
     * @param confusions  estimated θ_j per annotator id: row = true class, column = answer
     * @param priors      estimated class priors π
     * @param objectives  penalised log-likelihood after each iteration (non-decreasing)
     */
    public record Result(Map<String, Integer> labels, Map<String, double[]> posteriors,
                         Map<String, double[][]> confusions, double[] priors, List<Double> objectives) {

        /** The annotator's estimated accuracy: Σ_k π_k θ_j[k][k]. */
        public double accuracyOf(String annotatorId) {
            double[][] theta = confusions.get(annotatorId);
            if (theta == null) {
                throw new IllegalArgumentException("unknown annotator " + annotatorId);
            }
            double accuracy = 0;
            for (int k = 0; k < priors.length; k++) {
                accuracy += priors[k] * theta[k][k];
            }
            return accuracy;
        }

        public int iterations() {
            return objectives.size();
        }
    }

    private DawidSkene() {
    }

    /**
     * @param annotations    every answer (an annotator answers a sample at most once)
     * @param numClasses     number of classes
     * @param maxIterations  EM iterations at most (≥ 1)
     * @param tolerance      stop when the objective improves by less than this (relative)
     */
    public static Result fit(Collection<Annotation> annotations, int numClasses, int maxIterations, double tolerance) {
        if (annotations.isEmpty()) {
            throw new IllegalArgumentException("Dawid-Skene needs at least one annotation");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        List<String> items = new ArrayList<>(new TreeSet<>(annotations.stream().map(Annotation::sampleId).toList()));
        List<String> annotators = new ArrayList<>(new TreeSet<>(annotations.stream().map(Annotation::annotatorId).toList()));
        Map<String, Integer> itemIndex = indexOf(items);
        Map<String, Integer> annotatorIndex = indexOf(annotators);
        // answers[i] = {annotator, label} pairs of item i
        List<List<int[]>> answers = new ArrayList<>();
        items.forEach(item -> answers.add(new ArrayList<>()));
        Map<String, Annotation> seen = new TreeMap<>();
        for (Annotation a : annotations) {
            if (a.label() >= numClasses) {
                throw new IllegalArgumentException("label " + a.label() + " of sample " + a.sampleId() + " by "
                        + a.annotatorId() + " is outside [0, " + numClasses + ")");
            }
            if (seen.put(a.sampleId() + "\u0000" + a.annotatorId(), a) != null) {
                throw new IllegalArgumentException("annotator " + a.annotatorId() + " answered sample " + a.sampleId()
                        + " more than once");
            }
            answers.get(itemIndex.get(a.sampleId())).add(new int[] {annotatorIndex.get(a.annotatorId()), a.label()});
        }

        double[][] posterior = majorityProportions(answers, numClasses);
        double[] priors = new double[numClasses];
        double[][][] theta = new double[annotators.size()][numClasses][numClasses];
        List<Double> objectives = new ArrayList<>();
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            maximise(answers, posterior, priors, theta);
            double objective = expect(answers, priors, theta, posterior);
            int last = objectives.size() - 1;
            objectives.add(objective);
            if (last >= 0 && Math.abs(objective - objectives.get(last)) <= tolerance * Math.abs(objectives.get(last))) {
                break;
            }
        }

        Map<String, Integer> labels = new LinkedHashMap<>();
        Map<String, double[]> posteriors = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            labels.put(items.get(i), argmax(posterior[i]));
            posteriors.put(items.get(i), posterior[i].clone());
        }
        Map<String, double[][]> confusions = new LinkedHashMap<>();
        for (int j = 0; j < annotators.size(); j++) {
            confusions.put(annotators.get(j), theta[j]);
        }
        return new Result(Collections.unmodifiableMap(labels), Collections.unmodifiableMap(posteriors),
                Collections.unmodifiableMap(confusions), priors, List.copyOf(objectives));
    }

    private static double[][] majorityProportions(List<List<int[]>> answers, int numClasses) {
        double[][] t = new double[answers.size()][numClasses];
        for (int i = 0; i < answers.size(); i++) {
            for (int[] answer : answers.get(i)) {
                t[i][answer[1]] += 1.0 / answers.get(i).size();
            }
        }
        return t;
    }

    /** M-step: priors and confusion matrices from the expected class memberships. */
    private static void maximise(List<List<int[]>> answers, double[][] posterior, double[] priors, double[][][] theta) {
        int k = priors.length;
        java.util.Arrays.fill(priors, SMOOTHING);
        for (double[][] matrix : theta) {
            for (double[] row : matrix) {
                java.util.Arrays.fill(row, SMOOTHING);
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            for (int c = 0; c < k; c++) {
                priors[c] += posterior[i][c];
                for (int[] answer : answers.get(i)) {
                    theta[answer[0]][c][answer[1]] += posterior[i][c];
                }
            }
        }
        normalise(priors);
        for (double[][] matrix : theta) {
            for (double[] row : matrix) {
                normalise(row);
            }
        }
    }

    /** E-step: posteriors from the parameters; returns the penalised log-likelihood at these parameters. */
    private static double expect(List<List<int[]>> answers, double[] priors, double[][][] theta, double[][] posterior) {
        int k = priors.length;
        double logLikelihood = 0;
        double[] log = new double[k];
        for (int i = 0; i < answers.size(); i++) {
            for (int c = 0; c < k; c++) {
                log[c] = Math.log(priors[c]);
                for (int[] answer : answers.get(i)) {
                    log[c] += Math.log(theta[answer[0]][c][answer[1]]);
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : log) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                posterior[i][c] = Math.exp(log[c] - max);
                sum += posterior[i][c];
            }
            for (int c = 0; c < k; c++) {
                posterior[i][c] /= sum;
            }
            logLikelihood += max + Math.log(sum);
        }
        double logPrior = 0;
        for (double p : priors) {
            logPrior += SMOOTHING * Math.log(p);
        }
        for (double[][] matrix : theta) {
            for (double[] row : matrix) {
                for (double p : row) {
                    logPrior += SMOOTHING * Math.log(p);
                }
            }
        }
        return logLikelihood + logPrior;
    }

    private static void normalise(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Map<String, Integer> indexOf(List<String> ids) {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        return index;
    }
}
