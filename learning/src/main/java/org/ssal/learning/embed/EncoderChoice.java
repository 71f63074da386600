package org.ssal.learning.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ssal.learning.head.Classifier;
import org.ssal.learning.head.Heads;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

/**
 * Chooses the feature set of an {@code auto}-encoder campaign from its labels alone: stratified
 * k-fold cross-validation of the campaign's head on each candidate's embeddings of the labeled
 * samples, weighed by the rules below. No test data is read, so the choice costs no labels and
 * leaks nothing of the evaluation.
 *
 * <p>Rules, in order: with no labels the first candidate serves ({@code no-labels}); with fewer than
 * {@link #MIN_LABELS_PER_CLASS} labels per class (of the dataset's classes) or fewer than
 * {@link #FOLDS} labels, held-out accuracy is too noisy to act on and the previous choice stays
 * ({@code too-few-labels}); otherwise ({@code cross-validation}) the previous choice stays unless a
 * challenger is better by a one-sided McNemar test on the paired held-out predictions: with b the
 * labels only the challenger got right and c those only the incumbent got right, it takes over
 * when b − c &gt; {@value #SWITCH_Z}·√(b + c) (the largest such b − c among challengers). Features
 * change only on evidence: on a few dozen labels two good feature sets trade places by chance
 * from round to round, and each switch changes what the head and the strategy see (measured:
 * docs/results.md, {@code encoder: auto}).
 *
 * <p>Deterministic: folds come from the sorted sample ids shuffled by the given seed and dealt out
 * class by class; heads are deterministic. An audit recomputes the same counts.
 */
public final class EncoderChoice {
    public static final int FOLDS = 5;
    public static final int MIN_LABELS_PER_CLASS = 2;
    /** z of the switch test: one-sided 5 % under the normal approximation of McNemar's test. */
    public static final double SWITCH_Z = 1.645;

    public static final String NO_LABELS = "no-labels";
    public static final String TOO_FEW_LABELS = "too-few-labels";
    public static final String CROSS_VALIDATION = "cross-validation";

    /** A candidate: its name (an encoder spec) and its embeddings of the pool. */
    public record Candidate(String name, Embeddings pool) {
    }

    /** Held-out predictions that were right, over all folds; 0 / 0.0 when no cross-validation ran. */
    public record Score(int correct, double accuracy) {
    }

    /**
     * @param chosen index of the chosen candidate
     * @param folds  folds of the cross-validation, 0 when none ran
     * @param scores one per candidate, in the candidates' order
     */
    public record Choice(int chosen, String rule, int folds, List<Score> scores, String reason) {
    }

    private EncoderChoice() {
    }

    /** The choice before any label: the first candidate serves. */
    public static Choice initial(List<String> names) {
        if (names.size() < 2) {
            throw new IllegalArgumentException("candidates must hold two or more feature sets, got " + names.size());
        }
        return new Choice(0, NO_LABELS, 0, names.stream().map(c -> new Score(0, 0.0)).toList(),
                "no labels yet: the first candidate, " + names.get(0) + ", serves");
    }

    /**
     * Round {@code round}'s choice as a campaign makes it (the trainer, and an audit after it): the
     * campaign's head, the folds seeded by (campaign seed, {@link Purpose#ENCODER_CHOICE}, round).
     */
    public static Choice forRound(List<Candidate> candidates, Map<String, Integer> labels, int numClasses,
                                  String head, int previous, long campaignSeed, int round) {
        return choose(candidates, labels, numClasses, Heads.create(head), previous,
                CampaignSeeds.of(campaignSeed).seed(Purpose.ENCODER_CHOICE, round));
    }

    /**
     * @param labels     sample id → class of every label counted so far
     * @param previous   index of the previous round's choice, or -1 before the first
     * @param foldSeed   seed of the fold assignment
     */
    public static Choice choose(List<Candidate> candidates, Map<String, Integer> labels, int numClasses,
                                Classifier head, int previous, long foldSeed) {
        if (candidates.size() < 2) {
            throw new IllegalArgumentException("candidates must hold two or more feature sets, got " + candidates.size());
        }
        if (labels.isEmpty() || previous < 0) {
            return initial(candidates.stream().map(Candidate::name).toList());
        }
        List<Score> none = candidates.stream().map(c -> new Score(0, 0.0)).toList();
        int n = labels.size();
        int needed = Math.max(FOLDS, MIN_LABELS_PER_CLASS * numClasses);
        if (n < needed) {
            return new Choice(previous, TOO_FEW_LABELS, 0, none, String.format(Locale.ROOT,
                    "%d labels, fewer than the %d that %d-fold cross-validation over %d classes needs: %s stays",
                    n, needed, FOLDS, numClasses, candidates.get(previous).name()));
        }
        String[] ids = foldOrder(labels, foldSeed);
        int[] y = new int[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(ids[i]);
            fold[i] = i % FOLDS;
        }
        List<Score> scores = new ArrayList<>();
        List<boolean[]> hits = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean[] right = crossValidate(rowsOf(candidate, ids), y, fold, numClasses, head);
            int correct = 0;
            for (boolean r : right) {
                correct += r ? 1 : 0;
            }
            hits.add(right);
            scores.add(new Score(correct, (double) correct / n));
        }
        int chosen = previous;
        int bestMargin = 0;
        String test = "";
        for (int c = 0; c < candidates.size(); c++) {
            if (c == previous) {
                continue;
            }
            int onlyChallenger = 0;
            int onlyIncumbent = 0;
            for (int i = 0; i < n; i++) {
                onlyChallenger += hits.get(c)[i] && !hits.get(previous)[i] ? 1 : 0;
                onlyIncumbent += hits.get(previous)[i] && !hits.get(c)[i] ? 1 : 0;
            }
            int margin = onlyChallenger - onlyIncumbent;
            double bar = SWITCH_Z * Math.sqrt(onlyChallenger + onlyIncumbent);
            test += String.format(Locale.ROOT, "; %s right where %s was wrong on %d, the reverse on %d (%s %.2f)",
                    candidates.get(c).name(), candidates.get(previous).name(), onlyChallenger, onlyIncumbent,
                    margin > bar ? "a margin above" : "no margin above", bar);
            if (margin > bar && margin > bestMargin) {
                chosen = c;
                bestMargin = margin;
            }
        }
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT,
                "%d-fold cross-validated accuracy of the %s head on %d labels:", FOLDS, head.name(), n));
        for (int c = 0; c < candidates.size(); c++) {
            reason.append(String.format(Locale.ROOT, " %s %.4f (%d)%s", candidates.get(c).name(),
                    scores.get(c).accuracy(), scores.get(c).correct(), c + 1 < candidates.size() ? "," : ""));
        }
        reason.append(test);
        reason.append(chosen == previous ? "; " + candidates.get(chosen).name() + " stays"
                : "; " + candidates.get(chosen).name() + " replaces " + candidates.get(previous).name());
        return new Choice(chosen, CROSS_VALIDATION, FOLDS, scores, reason.toString());
    }

    /**
     * The labeled ids in fold order: grouped by class (ascending), each class's ids sorted and then
     * shuffled by the seed; position i goes to fold {@code i mod FOLDS}, so every class is spread
     * over the folds as evenly as its count allows.
     */
    static String[] foldOrder(Map<String, Integer> labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, List<String>> byClass = new TreeMap<>();
        new TreeMap<>(labels).forEach((id, label) -> byClass.computeIfAbsent(label, k -> new ArrayList<>()).add(id));
        List<String> order = new ArrayList<>(labels.size());
        for (List<String> ids : byClass.values()) {
            for (int i = ids.size() - 1; i > 0; i--) { // Fisher–Yates
                int j = random.nextInt(i + 1);
                String t = ids.get(i);
                ids.set(i, ids.get(j));
                ids.set(j, t);
            }
            order.addAll(ids);
        }
        return order.toArray(String[]::new);
    }

    private static float[][] rowsOf(Candidate candidate, String[] ids) {
        float[][] x = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            if (!candidate.pool().contains(ids[i])) {
                throw new IllegalArgumentException("labeled sample " + ids[i] + " is not in the pool embeddings of "
                        + candidate.name());
            }
            x[i] = candidate.pool().vectorOf(ids[i]);
        }
        return x;
    }

    /** Whether each labeled sample (in fold order) was predicted right by the head that did not see it. */
    private static boolean[] crossValidate(float[][] x, int[] y, int[] fold, int numClasses, Classifier head) {
        boolean[] right = new boolean[x.length];
        for (int f = 0; f < FOLDS; f++) {
            int held = 0;
            for (int value : fold) {
                held += value == f ? 1 : 0;
            }
            float[][] trainX = new float[x.length - held][];
            int[] trainY = new int[x.length - held];
            float[][] testX = new float[held][];
            int[] testY = new int[held];
            int[] testAt = new int[held];
            int a = 0;
            int b = 0;
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    testX[b] = x[i];
                    testAt[b] = i;
                    testY[b++] = y[i];
                } else {
                    trainX[a] = x[i];
                    trainY[a++] = y[i];
                }
            }
            TrainedHead trained = head.fit(trainX, trainY, numClasses);
            int[] predicted = trained.predict(testX);
            for (int i = 0; i < held; i++) {
                right[testAt[i]] = predicted[i] == testY[i];
            }
        }
        return right;
    }
}
