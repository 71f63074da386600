package org.ssal.standalone.chaos;

/**
 * One campaign of a chaos run, judged on its full log after the run.
 *
 * @param completed   the ledger published it COMPLETED
 * @param labels      samples counted (distinct)
 * @param lost        samples queried but never counted
 * @param duplicated  counts beyond the first of a sample, plus query batches, evaluations and
 *                    embeddings beyond the first of a round (a LabelReceived delivered twice is no
 *                    duplicate: the tracker counts it once)
 * @param overspent   samples queried or counted beyond the budget
 * @param auditPassed {@code ssal audit}'s verdict: every batch re-derived bit for bit, budget, labels, chain
 * @param problem     the first thing that is wrong, or null
 */
public record CampaignOutcome(String campaignId, boolean completed, int budget, int labels, int lost, int duplicated,
                              int overspent, boolean auditPassed, String problem) {
    public boolean ok() {
        return completed && lost == 0 && duplicated == 0 && overspent == 0 && auditPassed;
    }
}
