package org.ssal.standalone.audit;

import java.util.Map;

/**
 * What the audit found for one round.
 *
 * @param strategy   the strategy that picked the round's batch
 * @param asked      samples the batch asked
 * @param labeled    labels counted for the round
 * @param batch      {@code re-derived}, {@code differs}, or {@code not checked: <why>}
 * @param evaluation {@code recomputed <accuracy>}, {@code differs ...}, {@code not evaluated}, or {@code not checked: <why>}
 * @param chain      {@code sealed}, {@code broken}, or {@code unsealed} (a log written before the hash chain)
 * @param askedAt    when the batch was emitted (ms since the epoch)
 * @param lastLabelAt when its last counted label was given (0 when none)
 * @param evaluatedAt when the round was evaluated (0 when it was not)
 * @param annotators counted labels of the round per annotator
 */
public record RoundVerdict(int round, String strategy, int asked, int labeled, String batch, String evaluation,
                           String chain, long askedAt, long lastLabelAt, long evaluatedAt,
                           Map<String, Integer> annotators, boolean ok) {
    static final String REDERIVED = "re-derived";
    static final String DIFFERS = "differs";
    static final String SEALED = "sealed";
    static final String BROKEN = "broken";
    static final String UNSEALED = "unsealed";
    static final String NOT_EVALUATED = "not evaluated";
}
