package org.ssal.standalone.audit;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;
import org.ssal.learning.advice.Advice;
import org.ssal.learning.advice.Advisor;
import org.ssal.learning.advice.ThresholdRelation;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.learning.round.NextBatch;
import org.ssal.learning.round.RoundEvaluation;
import org.ssal.learning.round.RoundInput;
import org.ssal.learning.round.RoundPlanner;
import org.ssal.schemas.CampaignChain;
import org.ssal.schemas.Catalogue;
import org.ssal.service.ArtifactStore;
import org.ssal.standalone.audit.Finding.Check;

/**
 * Replays a campaign's rounds the way the scorer made them, from what the log records and
 * nothing else: the embeddings its batches name (read by sha256), the labels the ledger counted
 * in acceptance order, the campaign seed. For each round it recomputes the evaluation of the
 * round before (the head retrained on the same labels), the strategy ({@code auto}'s switches
 * included), the batch (ids, order, seed, scores) and the hash-chain links, and compares each with
 * the recorded event, bit for bit. The science is the scorer's own: {@link RoundPlanner}.
 */
final class Rederivation {
    private final CampaignEvents log;
    private final ArtifactStore store;
    private final ThresholdRelation relation;
    private final List<Finding> findings;
    private final List<String> notes;
    private final Map<String, Embeddings> pools = new HashMap<>();
    private final Map<String, LabeledEmbeddings> tests = new HashMap<>();
    private final Set<String> badArtifacts = new LinkedHashSet<>();

    /**
     * @param store    where the artifacts are, or null when the auditor has none (nothing is re-derived then, and
     *                 the audit says so and fails)
     * @param relation the threshold relation {@code auto} campaigns switch by
     */
    Rederivation(CampaignEvents log, ArtifactStore store, ThresholdRelation relation, List<Finding> findings,
                 List<String> notes) {
        this.log = log;
        this.store = store;
        this.relation = relation;
        this.findings = findings;
        this.notes = notes;
    }

    List<RoundVerdict> run() {
        if (log.definitions.isEmpty()) {
            findings.add(Finding.at(Check.DEFINITION, -1, null, "the log holds no CampaignCreated of campaign "
                    + log.campaignId));
            return List.of();
        }
        Logged<CampaignCreated> definition = log.definitions.get(0);
        CampaignCreated campaign = definition.event();
        String genesis = CampaignChain.genesis(campaign);
        for (Logged<CampaignCreated> other : log.definitions.subList(1, log.definitions.size())) {
            if (CampaignChain.genesis(other.event()).equals(genesis)) {
                continue; // sent again: the tracker counts a campaign once
            }
            Logged<org.ssal.events.Rejected> rejection = rejectionOf(other);
            if (rejection == null) {
                findings.add(Finding.at(Check.DEFINITION, -1, other, "a second CampaignCreated for campaign "
                        + log.campaignId + " with another definition than " + definition.origin()
                        + ", and no Rejected for it"));
            } else {
                notes.add("a redefinition of the campaign at " + other.origin() + " was rejected at "
                        + rejection.origin() + ": " + rejection.event().getReason());
            }
        }
        TreeMap<Integer, List<Logged<QueryBatch>>> batches = log.batchesByRound();
        TreeMap<Integer, List<Logged<RoundEvaluated>>> evaluations = log.evaluationsByRound();
        List<Logged<LabeledSample>> labels = log.countedInOrder();
        List<RoundCheck> checks = new ArrayList<>();
        List<Expected> expectedSwitches = new ArrayList<>();
        Set<String> queried = new LinkedHashSet<>();
        String link = genesis;
        String strategySoFar = Advice.RANDOM;
        int last = batches.isEmpty() ? -1 : batches.lastKey();
        for (int round = 0; round <= last; round++) {
            List<Logged<QueryBatch>> asked = batches.get(round);
            if (asked == null) {
                Logged<QueryBatch> next = batches.ceilingEntry(round).getValue().get(0);
                findings.add(Finding.at(Check.ROUNDS, round, next, "no QueryBatch of round " + round
                        + " though round " + next.event().getRound() + " was asked: rounds are not consecutive"));
                break;
            }
            for (Logged<QueryBatch> again : asked.subList(1, asked.size())) {
                findings.add(Finding.at(Check.ROUNDS, round, again, "round " + round + " was asked again, first at "
                        + asked.get(0).origin()));
            }
            RoundCheck check = new RoundCheck(asked.get(0), first(evaluations.get(round)));
            QueryBatch b = check.batch.event();
            Map<String, Integer> before = labelsThrough(labels, round - 1);
            RoundCheck previous = round == 0 ? null : checks.get(round - 1);

            // the chain, from the recorded events and the counted labels only
            if (previous != null) {
                link = evaluationLink(previous, link, before, check.batch);
            }
            String batchLink = CampaignChain.batch(link, before, round, b.getStrategy(), b.getSelectionSeed(),
                    b.getEmbeddingsSha256(), b.getSampleIds());
            check.chain = check(check.batch, b.getChainSha256(), batchLink, round, "QueryBatch");
            link = batchLink;

            // the decision, recomputed: the evaluation of the round before, then this round's batch
            Logged<EmbeddingsReady> embedded = embeddingsOf(check.batch);
            String unavailable = unavailable(embedded);
            if (unavailable != null) {
                check.batchVerdict = NOT_CHECKED + unavailable;
                if (previous != null && previous.evaluated != null) {
                    previous.evaluationVerdict = NOT_CHECKED + unavailable;
                }
            } else if (round == 0) {
                check.batchVerdict = compare(check.batch, RoundPlanner.initialBatch(ids(pool(embedded)),
                        Math.min(campaign.getInitialSize(), campaign.getBudget()), campaign.getSeed()));
            } else {
                try {
                    RoundInput input = input(campaign, embedded, before, round - 1);
                    RoundEvaluation evaluation = RoundPlanner.evaluate(input);
                    previous.evaluationVerdict = compare(previous.evaluated, evaluation, input, round - 1);
                    String expectedStrategy = strategyOf(campaign, strategySoFar, check.batch, before.size(),
                            input.numClasses(), expectedSwitches);
                    int k = Math.min(campaign.getBatchSize(), campaign.getBudget() - queried.size());
                    check.batchVerdict = compare(check.batch, RoundPlanner.nextBatch(input, evaluation,
                            expectedStrategy, k));
                } catch (RuntimeException e) {
                    check.batchVerdict = NOT_CHECKED + e.getMessage();
                    findings.add(Finding.at(Check.BATCH, round, check.batch, "QueryBatch of round " + round
                            + " cannot be re-derived from the log: " + e.getMessage()));
                }
            }
            if (round > 0) {
                strategySoFar = b.getStrategy();
            }
            queried.addAll(b.getSampleIds());
            checks.add(check);
        }
        if (!checks.isEmpty()) {
            lastEvaluation(campaign, checks.get(checks.size() - 1), labels, link);
        }
        checkSwitches(expectedSwitches);
        if (Catalogue.isAutoEncoder(campaign.getEncoderSpec())) {
            new EncoderChoiceAudit(campaign, log, store == null ? null : (uri, sha) -> pools.computeIfAbsent(sha,
                    s -> parse(uri, s, Embeddings::read)), findings, notes).run(labels);
        }
        evaluations.values().stream().filter(list -> list.size() > 1).forEach(list -> findings.add(Finding.at(
                Check.ROUNDS, list.get(0).event().getRound(), list.get(1), "round " + list.get(0).event().getRound()
                        + " was evaluated again, first at " + list.get(0).origin())));
        evaluations.tailMap(last, false).values().forEach(extra -> findings.add(Finding.at(Check.ROUNDS,
                extra.get(0).event().getRound(), extra.get(0), "RoundEvaluated of round " + extra.get(0).event().getRound()
                        + ", which was never asked")));
        return checks.stream().map(c -> c.verdict(labels)).toList();
    }

    private static final String NOT_CHECKED = "not checked: ";

    /** One round as the audit goes through it; every round's evaluation is settled when the next round is. */
    private static final class RoundCheck {
        final Logged<QueryBatch> batch;
        final Logged<RoundEvaluated> evaluated;
        String batchVerdict;
        String evaluationVerdict;
        String chain;

        RoundCheck(Logged<QueryBatch> batch, Logged<RoundEvaluated> evaluated) {
            this.batch = batch;
            this.evaluated = evaluated;
            this.evaluationVerdict = evaluated == null ? RoundVerdict.NOT_EVALUATED : NOT_CHECKED + "no later round";
        }

        int round() {
            return batch.event().getRound();
        }

        void chainOfEvaluation(String status) {
            if (!RoundVerdict.SEALED.equals(status)) {
                chain = RoundVerdict.BROKEN.equals(chain) ? chain : status;
            }
        }

        RoundVerdict verdict(List<Logged<LabeledSample>> labels) {
            int labeled = 0;
            long lastLabelAt = 0;
            Map<String, Integer> annotators = new TreeMap<>();
            for (Logged<LabeledSample> l : labels) {
                if (l.event().getRound() == round()) {
                    labeled++;
                    lastLabelAt = Math.max(lastLabelAt, l.event().getLabeledAt().toEpochMilli());
                    annotators.merge(l.event().getAnnotatorId(), 1, Integer::sum);
                }
            }
            boolean ok = RoundVerdict.REDERIVED.equals(batchVerdict) && !RoundVerdict.BROKEN.equals(chain)
                    && (evaluationVerdict.startsWith("recomputed") || evaluationVerdict.equals(IN_PROGRESS));
            QueryBatch b = batch.event();
            return new RoundVerdict(round(), b.getStrategy(), b.getSampleIds().size(), labeled, batchVerdict,
                    evaluationVerdict, chain, b.getCreatedAt().toEpochMilli(), lastLabelAt,
                    evaluated == null ? 0 : evaluated.event().getEvaluatedAt().toEpochMilli(), annotators, ok);
        }
    }

    private static final String IN_PROGRESS = "in progress";

    /** The last round's own evaluation, which no later batch depends on: recomputed when it exists. */
    private void lastEvaluation(CampaignCreated campaign, RoundCheck check, List<Logged<LabeledSample>> labels,
                                String batchLink) {
        int round = check.round();
        Map<String, Integer> through = labelsThrough(labels, round);
        boolean complete = through.keySet().containsAll(check.batch.event().getSampleIds());
        if (check.evaluated == null) {
            check.evaluationVerdict = complete ? RoundVerdict.NOT_EVALUATED : IN_PROGRESS;
            if (complete && finished()) {
                findings.add(Finding.at(Check.EVALUATION, round, check.batch, "round " + round
                        + " is fully labeled but has no RoundEvaluated"));
            }
            return;
        }
        RoundEvaluated e = check.evaluated.event();
        check.chainOfEvaluation(check(check.evaluated, e.getChainSha256(),
                CampaignChain.evaluation(batchLink, through, round, e.getTestAccuracy()), round, "RoundEvaluated"));
        Logged<EmbeddingsReady> embedded = evaluationEmbeddings(campaign, check.batch, round);
        String unavailable = unavailable(embedded);
        if (unavailable != null) {
            check.evaluationVerdict = NOT_CHECKED + unavailable;
            return;
        }
        try {
            RoundInput input = input(campaign, embedded, through, round);
            check.evaluationVerdict = compare(check.evaluated, RoundPlanner.evaluate(input), input, round);
        } catch (RuntimeException ex) {
            check.evaluationVerdict = NOT_CHECKED + ex.getMessage();
            findings.add(Finding.at(Check.EVALUATION, round, check.evaluated, "RoundEvaluated of round " + round
                    + " cannot be recomputed from the log: " + ex.getMessage()));
        }
    }

    private boolean finished() {
        Logged<org.ssal.events.BudgetState> ledger = log.lastLedger();
        return ledger != null && ledger.event().getStatus() != org.ssal.events.CampaignStatus.ACTIVE;
    }

    /** The link of the previous round's evaluation, checked against the one it carries. */
    private String evaluationLink(RoundCheck previous, String batchLink, Map<String, Integer> labels,
                                  Logged<QueryBatch> next) {
        int round = previous.round();
        if (previous.evaluated == null) {
            // the scorer evaluates a round before it asks the next one
            findings.add(Finding.at(Check.EVALUATION, round, next, "round " + round + " has no RoundEvaluated though "
                    + "round " + (round + 1) + " was asked"));
            previous.chainOfEvaluation(RoundVerdict.BROKEN);
            return batchLink;
        }
        RoundEvaluated e = previous.evaluated.event();
        String link = CampaignChain.evaluation(batchLink, labels, round, e.getTestAccuracy());
        previous.chainOfEvaluation(check(previous.evaluated, e.getChainSha256(), link, round, "RoundEvaluated"));
        return link;
    }

    private String check(Logged<?> event, String recorded, String expected, int round, String type) {
        if (recorded.isEmpty()) {
            notes.add("round " + round + ": " + type + " " + event.origin() + " carries no chain link (written by a "
                    + "version before the hash chain): it is re-derived but not sealed");
            return RoundVerdict.UNSEALED;
        }
        if (!recorded.equals(expected)) {
            findings.add(Finding.at(Check.CHAIN, round, event, type + " of round " + round + " carries chain link "
                    + recorded + " but the log before it gives " + expected
                    + " (a label, batch or evaluation before it was changed, removed or inserted)"));
            return RoundVerdict.BROKEN;
        }
        return RoundVerdict.SEALED;
    }

    /** The expected strategy of round {@code round}; for {@code auto} the advisor's, and the switch it implies. */
    private String strategyOf(CampaignCreated campaign, String previous, Logged<QueryBatch> batch, int labeled,
                              int numClasses, List<Expected> switches) {
        if (!Catalogue.AUTO_STRATEGY.equals(campaign.getStrategy())) {
            return campaign.getStrategy();
        }
        String advised = Advisor.advise(numClasses, labeled, relation).strategy();
        if (!advised.equals(previous)) {
            switches.add(new Expected(batch.event().getRound(), previous, advised, batch));
        }
        return advised;
    }

    /** A switch the advisor implies, before the batch of {@code round}. */
    private record Expected(int round, String from, String to, Logged<QueryBatch> batch) {
    }

    private void checkSwitches(List<Expected> expected) {
        List<Logged<StrategySwitched>> recorded = log.switches;
        for (int i = 0; i < Math.max(expected.size(), recorded.size()); i++) {
            Expected want = i < expected.size() ? expected.get(i) : null;
            Logged<StrategySwitched> got = i < recorded.size() ? recorded.get(i) : null;
            if (got != null && want != null && got.event().getRound() == want.round()
                    && got.event().getFromStrategy().equals(want.from()) && got.event().getToStrategy().equals(want.to())) {
                continue;
            }
            String wanted = want == null ? "no switch" : "a switch from " + want.from() + " to " + want.to()
                    + " at round " + want.round();
            String found = got == null ? "none" : "from " + got.event().getFromStrategy() + " to "
                    + got.event().getToStrategy() + " at round " + got.event().getRound();
            findings.add(Finding.at(Check.STRATEGY, want != null ? want.round() : got.event().getRound(),
                    got != null ? got : want.batch(),
                    "the advisor gives " + wanted + ", the log records " + found));
            return;
        }
    }

    private String compare(Logged<QueryBatch> batch, NextBatch expected) {
        QueryBatch b = batch.event();
        String difference = null;
        if (!b.getStrategy().equals(expected.strategy())) {
            difference = "strategy " + b.getStrategy() + ", re-derived " + expected.strategy();
        } else if (b.getSelectionSeed() != expected.seed()) {
            difference = "selection seed " + b.getSelectionSeed() + ", re-derived " + expected.seed();
        } else if (!b.getSampleIds().equals(expected.ids())) {
            difference = firstDifference(b.getSampleIds(), expected.ids());
        } else if (!sameScores(b.getScores(), expected.scores())) {
            difference = "the same ids but other scores";
        }
        if (difference == null) {
            return RoundVerdict.REDERIVED;
        }
        findings.add(Finding.at(Check.BATCH, b.getRound(), batch, "QueryBatch of round " + b.getRound()
                + " is not what " + expected.strategy() + " picks from the recorded embeddings, labels and seed: "
                + difference));
        return RoundVerdict.DIFFERS + ": " + difference;
    }

    private static String firstDifference(List<String> recorded, List<String> expected) {
        if (recorded.size() != expected.size()) {
            return recorded.size() + " ids, re-derived " + expected.size();
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).equals(expected.get(i))) {
                return "pick " + i + " is " + recorded.get(i) + ", re-derived " + expected.get(i);
            }
        }
        return "none";
    }

    private static boolean sameScores(List<Double> recorded, List<Double> expected) {
        if (recorded.isEmpty()) {
            return true; // records of versions without scores
        }
        if (recorded.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (Double.doubleToLongBits(recorded.get(i)) != Double.doubleToLongBits(expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private String compare(Logged<RoundEvaluated> evaluated, RoundEvaluation recomputed, RoundInput input, int round) {
        if (evaluated == null) {
            return RoundVerdict.NOT_EVALUATED;
        }
        RoundEvaluated e = evaluated.event();
        double accuracy = recomputed.evaluation().accuracy();
        String difference = null;
        if (e.getLabeledCount() != input.labels().size()) {
            difference = "trained on " + e.getLabeledCount() + " labels, the log counts " + input.labels().size();
        } else if (Double.doubleToLongBits(e.getTestAccuracy()) != Double.doubleToLongBits(accuracy)) {
            difference = "test accuracy " + e.getTestAccuracy() + ", recomputed " + accuracy;
        }
        if (difference == null) {
            return "recomputed " + String.format("%.4f", accuracy);
        }
        findings.add(Finding.at(Check.EVALUATION, round, evaluated, "RoundEvaluated of round " + round
                + " does not match the head retrained on the counted labels: " + difference));
        return RoundVerdict.DIFFERS + ": " + difference;
    }

    static Map<String, Integer> labelsThrough(List<Logged<LabeledSample>> labels, int round) {
        Map<String, Integer> through = new LinkedHashMap<>();
        for (Logged<LabeledSample> l : labels) {
            if (l.event().getRound() <= round) {
                through.putIfAbsent(l.event().getSampleId(), l.event().getLabel());
            }
        }
        return through;
    }

    private RoundInput input(CampaignCreated campaign, Logged<EmbeddingsReady> embedded, Map<String, Integer> labels,
                             int round) {
        EmbeddingsReady e = embedded.event();
        // as the scorer: after a complete round the labeled ids are the queried ones
        return new RoundInput(pool(embedded), test(embedded), e.getClassNames().size(), labels, labels.keySet(),
                campaign.getHead(), campaign.getSeed(), round);
    }

    /** The embeddings a batch was derived from: the announcement of the pool its sha256 names. */
    private Logged<EmbeddingsReady> embeddingsOf(Logged<QueryBatch> batch) {
        String sha = batch.event().getEmbeddingsSha256();
        for (Logged<EmbeddingsReady> e : log.embeddings) {
            if (e.event().getPoolSha256().equals(sha)) {
                return e;
            }
        }
        findings.add(Finding.at(Check.ARTIFACT, batch.event().getRound(), batch, "QueryBatch of round "
                + batch.event().getRound() + " names pool embeddings " + sha + " that no EmbeddingsReady announced"));
        return null;
    }

    /**
     * The embeddings round {@code round} was evaluated on: those of the next batch when there is
     * one; for the last round of a frozen encoder its batch's, of the supervised baseline the
     * embeddings retrained after that round, of an auto encoder the features chosen after it.
     */
    private Logged<EmbeddingsReady> evaluationEmbeddings(CampaignCreated campaign, Logged<QueryBatch> batch, int round) {
        if (campaign.getSsl() && !Catalogue.isAutoEncoder(campaign.getEncoderSpec())) {
            return embeddingsOf(batch);
        }
        return log.embeddings.stream().filter(e -> e.event().getRound() == round).findFirst().orElse(null);
    }

    /** Why the embeddings cannot be read, or null when they can (read, sha256-checked and cached). */
    private String unavailable(Logged<EmbeddingsReady> embedded) {
        if (embedded == null) {
            return "embeddings not announced";
        }
        if (store == null) {
            return "no artifacts to re-derive from (give --artifacts DIR)";
        }
        EmbeddingsReady e = embedded.event();
        if (badArtifacts.contains(e.getPoolSha256())) {
            return "embeddings " + e.getPoolUri() + " unreadable";
        }
        try {
            pool(embedded);
            test(embedded);
            return null;
        } catch (RuntimeException ex) {
            badArtifacts.add(e.getPoolSha256());
            findings.add(Finding.at(Check.ARTIFACT, e.getRound(), embedded, "embeddings announced by EmbeddingsReady "
                    + "cannot be used: " + ex.getMessage()));
            return "embeddings " + e.getPoolUri() + " unreadable";
        }
    }

    private Embeddings pool(Logged<EmbeddingsReady> embedded) {
        EmbeddingsReady e = embedded.event();
        return pools.computeIfAbsent(e.getPoolSha256(), sha -> parse(e.getPoolUri(), sha, Embeddings::read));
    }

    private LabeledEmbeddings test(Logged<EmbeddingsReady> embedded) {
        EmbeddingsReady e = embedded.event();
        return tests.computeIfAbsent(e.getTestSha256(), sha -> parse(e.getTestUri(), sha, LabeledEmbeddings::read));
    }

    /** Parsed while hashed; throws, naming the uri, when the bytes are not what the hash says. */
    private <T> T parse(String uri, String sha256, ArtifactStore.Reader<T> parser) {
        try {
            return store.open(uri, sha256, parser);
        } catch (UncheckedIOException ex) {
            throw new IllegalStateException("cannot parse embeddings " + uri + ": " + ex.getCause().getMessage(), ex);
        }
    }

    private static List<String> ids(Embeddings pool) {
        List<String> ids = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            ids.add(pool.id(i));
        }
        return ids;
    }

    /** The Rejected that dead-lettered this very record, if the log holds one. */
    private Logged<org.ssal.events.Rejected> rejectionOf(Logged<?> record) {
        for (Logged<org.ssal.events.Rejected> r : log.rejected) {
            org.ssal.events.Rejected e = r.event();
            if (e.getTopic().equals(record.record().topic()) && e.getPartition() == record.record().partition()
                    && e.getOffset() == record.record().offset()) {
                return r;
            }
        }
        return null;
    }

    private static <T> T first(List<T> list) {
        return list == null || list.isEmpty() ? null : list.get(0);
    }
}
