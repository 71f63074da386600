package org.ssal.campaign.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.campaign.ledger.Decision.Accepted;
import org.ssal.campaign.ledger.Decision.Ignored;
import org.ssal.campaign.ledger.Decision.Rejected;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.RoundSummary;
import org.ssal.schemas.CampaignDefinitions;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.LabelKeys;

/**
 * The rules of the budget tracker (DESIGN §4): given a campaign's ledger as it stands and one event
 * of that campaign, decides whether the event counts, is a redelivery, or breaks a rule.
 *
 * <p>A pure function of its inputs: the ledger (null before the campaign exists), the event and
 * the event's time. It reads no clock, store or topic, so a replay of the same events in the same
 * order gives the same ledgers; {@code updatedAt} of a new state is the time of the event that
 * produced it. Every input the rules need is a parameter and every write is in the
 * {@link Decision}, so a rule that needs another input shows up in this signature, not as a
 * hidden lookup.
 *
 * <p>The ledger ({@link BudgetState}) holds counts and one summary per round; what is known per
 * sample (the round that queried it, its accepted label) is read through {@link SampleLookup},
 * one sample at a time, and written through {@link Decision.Accepted}. So one label costs the
 * same whatever the budget: two lookups, one changed round summary, one new label.
 *
 * <p>The rules, in the order they are checked:
 * <ul>
 *   <li>CampaignCreated opens a ledger with budget &gt; 0 and keeps its definition; the same
 *       definition again (any {@code createdAt}) is a redelivery, another one with an existing id
 *       is rejected naming the first field that differs ({@link CampaignDefinitions}).</li>
 *   <li>Any other event of an unknown campaign is rejected.</li>
 *   <li>CampaignStopped stops an ACTIVE or FAILED campaign; again is a redelivery; a COMPLETED one is rejected.</li>
 *   <li>CampaignFailed (a service cannot go on) marks an ACTIVE or FAILED campaign FAILED with the
 *       event as its {@code failure}; the same failure again is a redelivery; a STOPPED or
 *       COMPLETED campaign is not failed. CampaignResumed makes a FAILED campaign ACTIVE again and
 *       clears the failure; on an ACTIVE campaign it is a redelivery, on others it is rejected.
 *       A FAILED campaign takes labels (they answer its queries) but no query batch, and does not
 *       become COMPLETED until it is resumed.</li>
 *   <li>QueryBatch: the same round with the same ids as an accepted batch is a redelivery whatever
 *       the status; otherwise it needs an ACTIVE campaign, the next round, a complete previous
 *       round, at least one id, numClasses &ge; 1 and equal to the campaign's, ids never queried
 *       and not repeated, and queried + batch &le; budget.</li>
 *   <li>LabelReceived must answer a query of the campaign with a class in [0, numClasses); the
 *       same answer again is a redelivery, a different one is rejected; a STOPPED campaign takes
 *       no new label. An accepted label counts for its annotator ({@code annotators}). The label
 *       completes its round when it is the round's last, and the campaign
 *       when the budget is labeled and the latest round is complete. Its state is published when
 *       it completes the round, changes the status or makes the count a multiple of
 *       {@link #PROGRESS_EVERY}; otherwise it is stored only.</li>
 *   <li>RoundEvaluated records the accuracy, in [0, 1], of an existing round. Its state is stored,
 *       not published: scorers react to published states with roundComplete = true, and a
 *       republished complete state would make them select the next batch a second time.</li>
 * </ul>
 */
public final class BudgetLedger {
    /**
     * A label's state is published when it completes its round, changes the status, or brings the
     * count to a multiple of this; the others are stored only. Services act on complete rounds and
     * watchers need progress, not one state per label, which cost more than the label itself
     * (docs/benchmarks.md, label ingestion). A count, not a time, so a replay publishes the same states.
     */
    public static final int PROGRESS_EVERY = 50;
    /** How many offending ids a reason names before it only counts the rest. */
    private static final int IDS_IN_REASON = 5;

    /**
     * @param ledger    the campaign's ledger, null when no campaign with the event's id exists
     * @param samples   what the ledger knows per sample of the campaign
     * @param event     a CampaignCreated, CampaignStopped, CampaignFailed, CampaignResumed, QueryBatch, LabelReceived or RoundEvaluated
     * @param eventTime the time of the event (its record's timestamp): {@code updatedAt} of a new state
     * @throws IllegalArgumentException when {@code ledger} belongs to another campaign than the event
     */
    public Decision decide(BudgetState ledger, SampleLookup samples, SpecificRecord event, Instant eventTime) {
        if (!(event instanceof CampaignCreated || event instanceof CampaignStopped || event instanceof QueryBatch
                || event instanceof LabelReceived || event instanceof RoundEvaluated || event instanceof CampaignFailed
                || event instanceof CampaignResumed)) {
            return new Rejected("wrong-event", "the budget tracker takes no " + event.getSchema().getName() + " events");
        }
        String campaignId = CampaignIds.campaignIdOf(event);
        if (ledger != null && !ledger.getCampaignId().equals(campaignId)) {
            throw new IllegalArgumentException("ledger of campaign " + ledger.getCampaignId()
                    + " given for an event of campaign " + campaignId);
        }
        if (event instanceof CampaignCreated created) {
            return onCreated(ledger, samples.definition(campaignId), created, eventTime);
        }
        if (ledger == null) {
            return new Rejected("unknown-campaign", "unknown campaign " + campaignId);
        }
        if (event instanceof CampaignStopped) {
            return onStopped(ledger, eventTime);
        }
        if (event instanceof CampaignFailed failed) {
            return onFailed(ledger, failed, eventTime);
        }
        if (event instanceof CampaignResumed) {
            return onResumed(ledger, eventTime);
        }
        if (event instanceof QueryBatch batch) {
            return onQueryBatch(ledger, samples, batch, eventTime);
        }
        if (event instanceof LabelReceived label) {
            return onLabel(ledger, samples, label, eventTime);
        }
        return onRoundEvaluated(ledger, (RoundEvaluated) event);
    }

    private static Decision onCreated(BudgetState ledger, CampaignCreated definition, CampaignCreated created,
                                      Instant eventTime) {
        if (ledger != null) {
            String redefined = definition != null ? CampaignDefinitions.redefinition(definition, created)
                    : legacyRedefinition(ledger, created);
            return redefined == null
                    ? new Ignored("campaign " + created.getCampaignId() + " was created with this definition")
                    : new Rejected("campaign-redefined", redefined);
        }
        if (created.getCampaignId().indexOf(LabelKeys.SEPARATOR) >= 0) {
            // the per-sample keys put the campaign id in front of U+0000 (LabelKeys)
            return new Rejected("invalid-campaign", "campaignId must not contain U+0000");
        }
        if (created.getBudget() <= 0) {
            return new Rejected("invalid-campaign", "budget must be > 0, got " + created.getBudget());
        }
        BudgetState state = BudgetState.newBuilder()
                .setCampaignId(created.getCampaignId())
                .setBudget(created.getBudget()).setQueried(0).setLabeled(0).setRemaining(created.getBudget())
                .setRound(-1).setRoundComplete(false).setNumClasses(0)
                .setStatus(CampaignStatus.ACTIVE)
                .setDataset(created.getDataset()).setStrategy(created.getStrategy())
                .setRounds(new ArrayList<>())
                .setUpdatedAt(eventTime)
                .build();
        return new Accepted(state, true, List.of(), null, created);
    }

    /**
     * A ledger opened before the tracker kept definitions knows only budget, dataset and strategy
     * of it: those are compared, the rest cannot be.
     */
    private static String legacyRedefinition(BudgetState ledger, CampaignCreated created) {
        String prefix = "campaign " + created.getCampaignId() + " already exists with another definition: ";
        if (ledger.getBudget() != created.getBudget()) {
            return prefix + "budget is " + ledger.getBudget() + ", the new definition says " + created.getBudget();
        }
        if (!ledger.getDataset().equals(created.getDataset())) {
            return prefix + "dataset is " + ledger.getDataset() + ", the new definition says " + created.getDataset();
        }
        if (!ledger.getStrategy().equals(created.getStrategy())) {
            return prefix + "strategy is " + ledger.getStrategy() + ", the new definition says " + created.getStrategy();
        }
        return null;
    }

    private static Decision onStopped(BudgetState ledger, Instant eventTime) {
        if (ledger.getStatus() == CampaignStatus.STOPPED) {
            return new Ignored("campaign " + ledger.getCampaignId() + " is already STOPPED");
        }
        if (ledger.getStatus() == CampaignStatus.COMPLETED) {
            return new Rejected("campaign-not-active", "campaign " + ledger.getCampaignId() + " is already COMPLETED");
        }
        BudgetState state = BudgetState.newBuilder(ledger).setStatus(CampaignStatus.STOPPED)
                .setUpdatedAt(eventTime).build();
        return new Accepted(state, true);
    }

    private static Decision onFailed(BudgetState ledger, CampaignFailed failed, Instant eventTime) {
        String campaign = ledger.getCampaignId();
        if (ledger.getStatus() == CampaignStatus.STOPPED || ledger.getStatus() == CampaignStatus.COMPLETED) {
            return new Rejected("campaign-not-active", "campaign " + campaign + " is " + ledger.getStatus() + "; failure not recorded: "
                    + failed.getReason());
        }
        if (failed.equals(ledger.getFailure())) {
            return new Ignored("campaign " + campaign + " already FAILED for this reason");
        }
        BudgetState state = BudgetState.newBuilder(ledger).setStatus(CampaignStatus.FAILED).setFailure(failed)
                .setUpdatedAt(eventTime).build();
        return new Accepted(state, true);
    }

    private static Decision onResumed(BudgetState ledger, Instant eventTime) {
        String campaign = ledger.getCampaignId();
        if (ledger.getStatus() == CampaignStatus.ACTIVE) {
            // a redelivered resume, or a second one: the campaign goes on either way
            return new Ignored("campaign " + campaign + " is ACTIVE");
        }
        if (ledger.getStatus() != CampaignStatus.FAILED) {
            return new Rejected("campaign-not-active", "campaign " + campaign + " is " + ledger.getStatus() + "; only a FAILED campaign resumes");
        }
        // published, so that the services that stopped at the failure see the campaign go on
        BudgetState state = BudgetState.newBuilder(ledger).setStatus(CampaignStatus.ACTIVE).setFailure(null)
                .setUpdatedAt(eventTime).build();
        return new Accepted(state, true);
    }

    private static Decision onQueryBatch(BudgetState ledger, SampleLookup samples, QueryBatch batch,
                                         Instant eventTime) {
        String campaign = ledger.getCampaignId();
        int round = batch.getRound();
        List<String> ids = batch.getSampleIds();
        if (round >= 0 && round <= ledger.getRound() && isSameBatch(ledger, samples, round, ids)) {
            // already counted, whatever the status is now
            return new Ignored("batch of round " + round + " of campaign " + campaign + " was accepted before");
        }
        if (ledger.getStatus() != CampaignStatus.ACTIVE) {
            return new Rejected("campaign-not-active", "campaign " + campaign + " is " + ledger.getStatus() + "; query batch of round "
                    + round + " refused");
        }
        int expected = ledger.getRound() + 1;
        if (round != expected) {
            return new Rejected("wrong-round", "expected round " + expected + " of campaign " + campaign + ", got round " + round);
        }
        if (ledger.getRound() >= 0 && !ledger.getRoundComplete()) {
            RoundSummary previous = latestRound(ledger);
            return new Rejected("round-incomplete", "round " + ledger.getRound() + " of campaign " + campaign + " is not complete ("
                    + previous.getLabeled() + " of " + previous.getQueried() + " labeled); round " + round + " refused");
        }
        if (ids.isEmpty()) {
            return new Rejected("invalid-batch", "query batch of round " + round + " has no sampleIds");
        }
        if (batch.getNumClasses() < 1) {
            return new Rejected("invalid-batch", "numClasses must be >= 1, got " + batch.getNumClasses());
        }
        if (ledger.getNumClasses() > 0 && batch.getNumClasses() != ledger.getNumClasses()) {
            return new Rejected("invalid-batch", "numClasses " + batch.getNumClasses() + " differs from the campaign's "
                    + ledger.getNumClasses());
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String id : ids) {
            if (!seen.add(id) || samples.queriedRound(campaign, id) != null) {
                repeated.add(id);
            }
        }
        if (!repeated.isEmpty()) {
            return new Rejected("sample-already-queried", "sampleIds already queried in campaign " + campaign + " or repeated in the batch: "
                    + abbreviate(repeated));
        }
        int queried = ledger.getQueried() + ids.size();
        if (queried > ledger.getBudget()) {
            return new Rejected("budget-exceeded", "would exceed budget: queried " + ledger.getQueried() + " + " + ids.size()
                    + " > budget " + ledger.getBudget());
        }
        List<RoundSummary> rounds = new ArrayList<>(ledger.getRounds());
        rounds.add(RoundSummary.newBuilder().setRound(round).setQueried(ids.size()).setLabeled(0)
                .setTestAccuracy(null).build());
        BudgetState state = BudgetState.newBuilder(ledger)
                .setQueried(queried).setRemaining(ledger.getBudget() - queried)
                .setRound(round).setRoundComplete(false).setNumClasses(batch.getNumClasses())
                .setRounds(rounds)
                .setUpdatedAt(eventTime).build();
        return new Accepted(state, true, ids, null);
    }

    private static Decision onLabel(BudgetState ledger, SampleLookup samples, LabelReceived label,
                                    Instant eventTime) {
        String campaign = ledger.getCampaignId();
        String sample = label.getSampleId();
        Integer queryRound = samples.queriedRound(campaign, sample);
        if (queryRound == null) {
            return new Rejected("not-queried", "sample " + sample + " answers no query of campaign " + campaign);
        }
        if (label.getLabel() < 0 || label.getLabel() >= ledger.getNumClasses()) {
            return new Rejected("label-out-of-range", "label " + label.getLabel() + " of sample " + sample + " is outside [0, "
                    + ledger.getNumClasses() + ")");
        }
        LabeledSample earlier = samples.acceptedLabel(campaign, sample);
        if (earlier != null) {
            // Oracles deliver at least once (a human gateway retries, a vendor re-sends after a
            // timeout): the same answer again is expected and is counted once, without noise on
            // dead-letter. A different answer for the same sample is not a redelivery and is reported.
            return earlier.getLabel() == label.getLabel()
                    ? new Ignored("sample " + sample + " already has label " + earlier.getLabel())
                    : new Rejected("conflicting-label", "sample " + sample + " already has label " + earlier.getLabel()
                            + "; conflicting label " + label.getLabel() + " ignored");
        }
        if (ledger.getStatus() == CampaignStatus.STOPPED) {
            return new Rejected("campaign-not-active", "campaign " + campaign + " is STOPPED; label of sample " + sample + " refused");
        }
        LabeledSample accepted = LabeledSample.newBuilder()
                .setCampaignId(campaign).setSampleId(sample).setLabel(label.getLabel()).setRound(queryRound)
                .setAnnotatorId(label.getAnnotatorId()).setLabeledAt(label.getLabeledAt())
                .setSequence(ledger.getLabeled())
                .build();
        List<RoundSummary> rounds = withRound(ledger, queryRound,
                summary -> RoundSummary.newBuilder(summary).setLabeled(summary.getLabeled() + 1).build());
        int labeled = ledger.getLabeled() + 1;
        RoundSummary latest = rounds.get(rounds.size() - 1);
        boolean roundComplete = latest.getLabeled() == latest.getQueried();
        // a FAILED campaign keeps its labels (people's work is not lost) and stays FAILED until resumed
        CampaignStatus status = labeled == ledger.getBudget() && roundComplete
                && ledger.getStatus() == CampaignStatus.ACTIVE ? CampaignStatus.COMPLETED : ledger.getStatus();
        BudgetState state = sharingCopy(ledger);
        state.setLabeled(labeled);
        state.setRounds(rounds);
        state.setRoundComplete(roundComplete);
        state.setStatus(status);
        state.setAnnotators(withOneMore(ledger.getAnnotators(), label.getAnnotatorId()));
        state.setUpdatedAt(eventTime);
        boolean publish = roundComplete || status != ledger.getStatus() || labeled % PROGRESS_EVERY == 0;
        return new Accepted(state, publish, List.of(), accepted);
    }

    private static Decision onRoundEvaluated(BudgetState ledger, RoundEvaluated evaluated) {
        int round = evaluated.getRound();
        double accuracy = evaluated.getTestAccuracy();
        if (summaryOf(ledger, round) == null) {
            return new Rejected("unknown-round", "campaign " + ledger.getCampaignId() + " has no round " + round);
        }
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            return new Rejected("invalid-accuracy", "testAccuracy " + accuracy + " of round " + round + " is outside [0, 1]");
        }
        List<RoundSummary> rounds = withRound(ledger, round,
                summary -> RoundSummary.newBuilder(summary).setTestAccuracy(accuracy).build());
        // updatedAt keeps the time of the last published state: this one is stored only
        return new Accepted(BudgetState.newBuilder(ledger).setRounds(rounds).build(), false);
    }

    /**
     * Whether {@code ids} are exactly the ids accepted for {@code round}: as many as the round
     * queried, all distinct, each queried in that round (so no scan over the round's ids).
     */
    private static boolean isSameBatch(BudgetState ledger, SampleLookup samples, int round, List<String> ids) {
        RoundSummary summary = summaryOf(ledger, round);
        if (summary == null || summary.getQueried() != ids.size() || new HashSet<>(ids).size() != ids.size()) {
            return false;
        }
        return ids.stream().allMatch(id -> Integer.valueOf(round).equals(samples.queriedRound(ledger.getCampaignId(), id)));
    }

    /**
     * A ledger with the same field values as {@code ledger}, for the label rule to change some of
     * them: the Avro builder copies every value deeply, which the tracker paid for every label. The
     * values stay shared, so neither ledger may be changed in place afterwards: these rules build
     * new values (lists, maps, summaries) instead, and the tracker only encodes ledgers.
     */
    private static BudgetState sharingCopy(BudgetState ledger) {
        BudgetState copy = new BudgetState();
        for (Schema.Field field : BudgetState.getClassSchema().getFields()) {
            copy.put(field.pos(), ledger.get(field.pos()));
        }
        return copy;
    }

    /** The summary of {@code round}, or null; rounds are kept in order 0, 1, 2, … so it is found by index. */
    private static RoundSummary summaryOf(BudgetState ledger, int round) {
        List<RoundSummary> rounds = ledger.getRounds();
        return round >= 0 && round < rounds.size() && rounds.get(round).getRound() == round ? rounds.get(round) : null;
    }

    /** The ledger's round summaries with the one of {@code round} replaced by {@code change} of it. */
    private static List<RoundSummary> withRound(BudgetState ledger, int round, UnaryOperator<RoundSummary> change) {
        List<RoundSummary> rounds = new ArrayList<>(ledger.getRounds());
        rounds.set(round, change.apply(summaryOf(ledger, round)));
        return rounds;
    }

    /**
     * The per-annotator counts with one more label of {@code annotator}: a copy of one entry per
     * annotator, so a label's cost does not grow with the budget. Sorted, so the published state
     * lists the annotators in the same order on every replay.
     */
    private static Map<String, Integer> withOneMore(Map<String, Integer> counts, String annotator) {
        Map<String, Integer> next = new TreeMap<>(counts);
        next.merge(annotator, 1, Integer::sum);
        return next;
    }

    private static RoundSummary latestRound(BudgetState ledger) {
        return ledger.getRounds().get(ledger.getRounds().size() - 1);
    }

    private static String abbreviate(Set<String> ids) {
        List<String> first = ids.stream().limit(IDS_IN_REASON).toList();
        return String.join(", ", first)
                + (ids.size() > first.size() ? " (and " + (ids.size() - first.size()) + " more)" : "");
    }
}
