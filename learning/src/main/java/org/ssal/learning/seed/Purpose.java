package org.ssal.learning.seed;

/**
 * What a campaign's randomness is spent on. Each purpose has its own stream per round, so adding
 * randomness to one (say, a strategy that now draws twice) never shifts what another picks.
 * The {@link #key()} text, not the constant's name, enters the derivation: renaming a constant
 * keeps every seed, changing a key changes them (and needs a note in docs/design.md).
 */
public enum Purpose {
    /** The acquisition of round r: the random initial set at round 0, the strategy's draws after. */
    SELECTION("selection"),
    /** Weight init, shuffling and augmentation of the no-SSL baseline encoder trained on round r's labels. */
    BASELINE_TRAINING("baseline-training"),
    /** The folds of round r's cross-validation that chooses an {@code auto} campaign's features. */
    ENCODER_CHOICE("encoder-choice"),
    /** The simulated annotator's mistakes; indexed by sample id, not by round, so a re-asked sample gets the same answer. */
    ORACLE_NOISE("oracle-noise");

    private final String key;

    Purpose(String key) {
        this.key = key;
    }

    /** The text that names this purpose in the derivation. */
    public String key() {
        return key;
    }
}
