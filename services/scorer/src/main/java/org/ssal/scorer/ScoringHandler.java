package org.ssal.scorer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;
import org.ssal.learning.advice.Advice;
import org.ssal.learning.advice.Advisor;
import org.ssal.learning.advice.ThresholdRelation;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.metrics.Evaluation;
import org.ssal.learning.round.NextBatch;
import org.ssal.learning.round.RoundEvaluation;
import org.ssal.learning.round.RoundInput;
import org.ssal.learning.round.RoundPlanner;
import org.ssal.schemas.CampaignChain;
import org.ssal.schemas.CampaignDefinitions;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.Catalogue;
import org.ssal.schemas.Topics;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.CorruptArtifactException;
import org.ssal.service.EventService;
import org.ssal.service.LabelSource;
import org.ssal.service.Outbox;

/**
 * The scorer's side of the round protocol (DESIGN §4): events in, {@link RoundPlanner} for the
 * decisions, events out. Every event first updates its campaign's {@link CampaignRoundState};
 * then the campaign is driven as far as that state allows: the initial batch once embeddings
 * exist, and for each fully labeled round one evaluation and at most one next batch. Decisions
 * depend only on the state, so a redelivered or replayed event changes nothing.
 */
final class ScoringHandler implements EventService.View {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringHandler.class);
    private final Map<String, CampaignRoundState> states = new HashMap<>();
    private final ThresholdRelation relation;
    private final EmbeddingArtifacts artifacts;
    private final LabelSource labels;
    private final Clock clock;
    private final ScorerMetrics metrics;
    private final PicksAhead ahead;

    /**
     * @param labels   the labels a ledger counts (the labels topic)
     * @param relation the labels-per-class threshold relation that drives {@code auto} campaigns
     */
    ScoringHandler(EmbeddingArtifacts artifacts, LabelSource labels, Clock clock, ThresholdRelation relation,
                   MeterRegistry registry) {
        this(artifacts, labels, clock, relation, registry, PicksAhead.onBackgroundThread());
    }

    /** @param ahead where batches of label-blind strategies are picked while their previous round is labeled */
    ScoringHandler(EmbeddingArtifacts artifacts, LabelSource labels, Clock clock, ThresholdRelation relation,
                   MeterRegistry registry, PicksAhead ahead) {
        this.ahead = ahead;
        this.artifacts = artifacts;
        this.labels = labels;
        this.clock = clock;
        this.relation = relation;
        this.metrics = new ScorerMetrics(registry);
    }

    /** Stops the thread that picks ahead. */
    void close() {
        ahead.close();
    }

    /** Campaigns whose next batch was picked ahead and not used yet. */
    int picksPending() {
        return ahead.pending();
    }

    /** Forgets every campaign: the view is then rebuilt from the log (after an aborted transaction too). */
    @Override
    public synchronized void forget() {
        states.clear();
        ahead.forget();
    }

    /** Updates the state without acting: used to replay the log. */
    @Override
    public synchronized void observe(SpecificRecord event) {
        if (event instanceof CampaignCreated created) {
            CampaignRoundState state = state(created.getCampaignId());
            if (state.campaign == null) {
                state.campaign = created; // the first definition is the campaign's, as the tracker decides
            }
        } else if (event instanceof EmbeddingsReady ready) {
            CampaignRoundState state = state(ready.getCampaignId());
            if (state.embeddings == null || ready.getRound() >= state.embeddings.getRound()) {
                state.embeddings = ready;
            }
        } else if (event instanceof BudgetState ledger) {
            state(ledger.getCampaignId()).ledger = ledger;
        } else if (event instanceof QueryBatch batch) {
            CampaignRoundState state = state(batch.getCampaignId());
            state.lastQueriedRound = Math.max(state.lastQueriedRound, batch.getRound());
            if (batch.getRound() > 0) {
                state.currentStrategy = batch.getStrategy();
            }
            state.batchLinks.put(batch.getRound(), batch.getChainSha256());
        } else if (event instanceof RoundEvaluated evaluated) {
            CampaignRoundState state = state(evaluated.getCampaignId());
            state.lastEvaluatedRound = Math.max(state.lastEvaluatedRound, evaluated.getRound());
        }
    }

    synchronized void handle(SpecificRecord event, Outbox out) {
        observe(event);
        if (event instanceof CampaignCreated created && !created.equals(states.get(created.getCampaignId()).campaign)) {
            String redefined = CampaignDefinitions.redefinition(states.get(created.getCampaignId()).campaign, created);
            if (redefined != null) {
                // the tracker dead-letters it; a second Rejected here would only say the same again
                LOG.warn("ignored: {}", redefined);
                metrics.ignored("campaign-redefined");
                return;
            }
        }
        String campaignId = CampaignIds.campaignIdOf(event);
        if (campaignId != null) {
            drive(states.get(campaignId), out);
        }
    }

    private void drive(CampaignRoundState state, Outbox out) {
        if (state.campaign == null || state.embeddings == null) {
            return; // wait for both: they arrive on different topics in any order
        }
        BudgetState ledger = state.ledger;
        if (ledger != null && (ledger.getStatus() == CampaignStatus.STOPPED || ledger.getStatus() == CampaignStatus.FAILED)) {
            ahead.drop(state.campaign.getCampaignId()); // a resumed campaign picks again
            return; // a FAILED campaign goes on when the ledger publishes it ACTIVE again (resume)
        }
        if (state.lastQueriedRound < 0) {
            askInitialBatch(state, out);
            return;
        }
        if (ledger == null || !ledger.getRoundComplete() || ledger.getRound() <= state.lastEvaluatedRound
                || ledger.getRound() != state.lastQueriedRound || !state.embeddingsFitRound(ledger.getRound())) {
            return;
        }
        evaluateAndAskNext(state, ledger, out);
    }

    private void askInitialBatch(CampaignRoundState state, Outbox out) {
        CampaignCreated campaign = state.campaign;
        Embeddings pool = trusted(state, -1, () -> artifacts.pool(state.embeddings.getPoolUri(),
                state.embeddings.getPoolSha256()));
        List<String> poolIds = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            poolIds.add(pool.id(i));
        }
        int size = Math.min(campaign.getInitialSize(), campaign.getBudget());
        if (size > poolIds.size()) {
            throw new CampaignFailedException(campaign.getCampaignId(), "initialSize", size, -1, "initialSize " + size
                    + " is larger than the pool of " + poolIds.size() + " embedded samples");
        }
        send(state, RoundPlanner.initialBatch(poolIds, size, campaign.getSeed()), Map.of(),
                CampaignChain.genesis(campaign), out);
    }

    private void evaluateAndAskNext(CampaignRoundState state, BudgetState ledger, Outbox out) {
        long startedNanos = System.nanoTime(); // wall time of the work, whatever the event clock says
        evaluateAndAskNextTimed(state, ledger, out);
        metrics.roundEvaluated(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private void evaluateAndAskNextTimed(CampaignRoundState state, BudgetState ledger, Outbox out) {
        CampaignCreated campaign = state.campaign;
        EmbeddingsReady embeddings = state.embeddings;
        long started = clock.millis();
        // the ledger's time is its last label's: how long the label took through the tracker to here
        long ledgerAge = started - ledger.getUpdatedAt().toEpochMilli();
        long begun = System.nanoTime(); // where a round's time goes, in the log: labels, embeddings, head, pick
        Map<String, Integer> labeled = labels.labelsOf(ledger);
        long labelsRead = System.nanoTime();
        // the round is complete and a batch is accepted only after the previous round completed,
        // so every queried sample is labeled: the labeled ids are the queried ones
        RoundInput input = new RoundInput(
                trusted(state, ledger.getRound(), () -> artifacts.pool(embeddings.getPoolUri(), embeddings.getPoolSha256())),
                trusted(state, ledger.getRound(), () -> artifacts.test(embeddings.getTestUri(), embeddings.getTestSha256())),
                embeddings.getClassNames().size(), labeled, labeled.keySet(), campaign.getHead(), campaign.getSeed(),
                ledger.getRound());
        long embeddingsRead = System.nanoTime();
        RoundEvaluation evaluation = RoundPlanner.evaluate(input);
        long evaluated = System.nanoTime();
        Evaluation result = evaluation.evaluation();
        String link = CampaignChain.evaluation(state.batchLinks.getOrDefault(input.round(), ""), input.labels(),
                input.round(), result.accuracy());
        out.send(Topics.ROUND_EVALUATED, campaign.getCampaignId(), RoundEvaluated.newBuilder()
                .setCampaignId(campaign.getCampaignId()).setRound(input.round()).setLabeledCount(input.labels().size())
                .setTestAccuracy(result.accuracy())
                .setPerClassAccuracy(Arrays.stream(result.perClassAccuracy()).boxed().toList())
                .setHead(campaign.getHead()).setStrategy(campaign.getStrategy()).setChainSha256(link)
                .setDurationMs(clock.millis() - started).setEvaluatedAt(clock.instant()).build());
        state.lastEvaluatedRound = input.round();
        LOG.info("campaign {} round {}: {} labels, test accuracy {} (ledger here {} ms after its last label; labels {} ms,"
                        + " embeddings {} ms, head and test {} ms)", campaign.getCampaignId(), input.round(),
                input.labels().size(), String.format("%.4f", result.accuracy()), ledgerAge, millis(labelsRead - begun),
                millis(embeddingsRead - labelsRead), millis(evaluated - embeddingsRead));

        int k = Math.min(campaign.getBatchSize(), ledger.getRemaining());
        if (ledger.getStatus() != CampaignStatus.ACTIVE || k <= 0) {
            return;
        }
        String strategy = strategyFor(state, input.round() + 1, input.labels().size(), input.numClasses(), out);
        long picking = System.nanoTime();
        NextBatch next = ahead.take(campaign.getCampaignId(), new PicksAhead.Key(input.round() + 1, strategy, k,
                input.labels().keySet(), embeddings.getPoolSha256(), campaign.getSeed()));
        boolean pickedAhead = next != null;
        if (pickedAhead) {
            metrics.pickedAhead(strategy);
        } else {
            next = RoundPlanner.nextBatch(input, evaluation, strategy, k);
        }
        LOG.info("campaign {} round {}: {} picked {} in {} ms{}", campaign.getCampaignId(), input.round() + 1, strategy,
                next.ids().size(), millis(System.nanoTime() - picking),
                pickedAhead ? " (waiting for the pick made while the round was labeled)" : "");
        send(state, next, input.labels(), link, out);
    }

    /**
     * The campaign's strategy; for {@code auto} the advisor's choice for the labels held now, and a
     * StrategySwitched event whenever that choice changes.
     */
    private String strategyFor(CampaignRoundState state, int round, int labeled, int numClasses, Outbox out) {
        if (!state.campaign.getStrategy().equals(Catalogue.AUTO_STRATEGY)) {
            return state.campaign.getStrategy();
        }
        Advice advice = Advisor.advise(numClasses, labeled, relation);
        String previous = state.currentStrategy == null ? Advice.RANDOM : state.currentStrategy;
        if (!advice.strategy().equals(previous)) {
            out.send(Topics.STRATEGY_SWITCHED, state.campaign.getCampaignId(), StrategySwitched.newBuilder()
                    .setCampaignId(state.campaign.getCampaignId()).setRound(round).setFromStrategy(previous)
                    .setToStrategy(advice.strategy()).setLabeled(labeled).setReason(advice.reason())
                    .setSwitchedAt(clock.instant()).build());
            LOG.info("campaign {} switches from {} to {} at round {}: {}", state.campaign.getCampaignId(), previous,
                    advice.strategy(), round, advice.reason());
        }
        return advice.strategy();
    }

    /**
     * @param labels   the labeled set the batch was derived from, in training order
     * @param previous the chain link before this batch (genesis, or the previous round's evaluation)
     */
    private void send(CampaignRoundState state, NextBatch batch, Map<String, Integer> labels, String previous,
                      Outbox out) {
        EmbeddingsReady embeddings = state.embeddings;
        String link = CampaignChain.batch(previous, labels, batch.round(), batch.strategy(), batch.seed(),
                embeddings.getPoolSha256(), batch.ids());
        out.send(Topics.QUERY_BATCH, state.campaign.getCampaignId(), QueryBatch.newBuilder()
                .setCampaignId(state.campaign.getCampaignId()).setRound(batch.round()).setSampleIds(batch.ids())
                .setScores(batch.scores()).setNumClasses(embeddings.getClassNames().size())
                .setClassNames(embeddings.getClassNames()).setStrategy(batch.strategy())
                .setSelectionSeed(batch.seed()).setEmbeddingsSha256(embeddings.getPoolSha256())
                .setChainSha256(link).setCreatedAt(clock.instant()).build());
        state.lastQueriedRound = batch.round();
        state.batchLinks.put(batch.round(), link);
        if (batch.round() > 0) {
            state.currentStrategy = batch.strategy();
        }
        metrics.batchEmitted(batch.strategy());
        pickAhead(state, batch, labels.keySet());
    }

    /**
     * Starts picking round r + 1 as soon as batch r is out, when the campaign's strategy picks
     * without looking at labels and its embeddings stay the same from round to round.
     */
    private void pickAhead(CampaignRoundState state, NextBatch sent, Set<String> labeledBefore) {
        CampaignCreated campaign = state.campaign;
        String strategy = campaign.getStrategy();
        if (strategy.equals(Catalogue.AUTO_STRATEGY) || !RoundPlanner.picksBeforeLabels(strategy) || !campaign.getSsl()
                || Catalogue.isAutoEncoder(campaign.getEncoderSpec())) {
            return;
        }
        Set<String> labeled = new HashSet<>(labeledBefore);
        labeled.addAll(sent.ids()); // every asked sample is labeled when the round completes
        int size = Math.min(campaign.getBatchSize(), campaign.getBudget() - labeled.size());
        if (size <= 0) {
            return;
        }
        EmbeddingsReady embeddings = state.embeddings;
        int numClasses = embeddings.getClassNames().size();
        PicksAhead.Key key = new PicksAhead.Key(sent.round() + 1, strategy, size, labeled, embeddings.getPoolSha256(),
                campaign.getSeed());
        ahead.start(campaign.getCampaignId(), key, () -> RoundPlanner.nextBatchBeforeLabels(
                artifacts.pool(embeddings.getPoolUri(), embeddings.getPoolSha256()), labeled, numClasses, strategy, size,
                campaign.getSeed(), key.round()));
    }

    /** An artifact read; one whose bytes do not match the sha256 its event named fails the campaign. */
    private static <T> T trusted(CampaignRoundState state, int round, Supplier<T> read) {
        try {
            return read.get();
        } catch (CorruptArtifactException e) {
            throw new CampaignFailedException(state.campaign.getCampaignId(), "embeddings", e.uri(), round,
                    e.getMessage());
        }
    }

    private CampaignRoundState state(String campaignId) {
        return states.computeIfAbsent(campaignId, id -> new CampaignRoundState());
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
