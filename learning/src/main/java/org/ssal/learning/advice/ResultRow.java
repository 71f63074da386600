package org.ssal.learning.advice;

/**
 * One evaluated round of one campaign of the experiment grid: after {@code round} the campaign
 * had {@code labeled} labels and its head reached {@code accuracy} on the test split.
 *
 * <p>The grid is datasets × initial labeled fractions × strategies × SSL on/off × seeds (DESIGN
 * §1.5: "Initial labeled fractions studied: 0.1 %, 0.2 %, 1 %, 2 %, 10 %."). Campaigns that share
 * a seed start from the same initial labeled set, which is what lets the analysis pair a strategy
 * with random seed by seed.
 *
 * @param dataset         dataset name, e.g. {@code cifar10}
 * @param numClasses      classes of the dataset (the x axis of the threshold relation)
 * @param strategy        acquisition strategy name, e.g. {@code random}, {@code entropy}
 * @param ssl             true for a frozen self-supervised encoder, false for the supervised baseline
 * @param initialFraction fraction of the pool labeled at random before round 1, in [0, 1]
 * @param seed            campaign seed
 * @param campaignId      the campaign that produced the row
 * @param round           round number, 0 = evaluation on the initial set
 * @param labeled         labels held when the head was evaluated
 * @param accuracy        test accuracy in [0, 1]
 */
public record ResultRow(String dataset, int numClasses, String strategy, boolean ssl, double initialFraction,
                        long seed, String campaignId, int round, int labeled, double accuracy) {

    public ResultRow {
        checkName("dataset", dataset);
        checkAtLeast("numClasses", numClasses, 1);
        checkName("strategy", strategy);
        checkFraction("initialFraction", initialFraction);
        checkName("campaignId", campaignId);
        checkAtLeast("round", round, 0);
        checkAtLeast("labeled", labeled, 0);
        checkFraction("accuracy", accuracy);
    }

    /** Labels per class, the unit of the paper's threshold. */
    public double labelsPerClass() {
        return labeled / (double) numClasses;
    }

    static String checkName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static int checkAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double checkFraction(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], got " + value);
        }
        return value;
    }
}
