package org.ssal.scorer;

import static org.ssal.schemas.CampaignIds.campaignIdOf;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;
import org.ssal.learning.analysis.Advice;
import org.ssal.learning.analysis.Advisor;
import org.ssal.learning.analysis.ThresholdRelation;
import org.ssal.learning.acquisition.AcquisitionStrategy;
import org.ssal.learning.acquisition.Selection;
import org.ssal.learning.acquisition.Strategies;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.head.Heads;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.metrics.Evaluation;
import org.ssal.learning.round.InitialSet;
import org.ssal.learning.round.LabeledEmbeddings;
import org.ssal.learning.round.RoundScorer;
import org.ssal.learning.round.RoundSeeds;
import org.ssal.schemas.Topics;
import org.ssal.service.Outbox;
import org.ssal.service.RejectedEventException;

/**
 * The scorer's side of the round protocol (DESIGN §4). Every event first updates the view of its
 * campaign; then the campaign is driven as far as the view allows: the initial batch once
 * embeddings exist, and for each fully labeled round one evaluation and at most one next batch.
 * Decisions depend only on the view, so a redelivered or replayed event changes nothing.
 */
final class RoundDriver {
    private static final Logger LOG = LoggerFactory.getLogger(RoundDriver.class);
    static final String AUTO = "auto";
    private final Map<String, CampaignView> views = new HashMap<>();
    private final ThresholdRelation relation;
    private final EmbeddingArtifacts artifacts;
    private final Clock clock;

    /** @param relation the labels-per-class threshold relation that drives {@code auto} campaigns */
    RoundDriver(EmbeddingArtifacts artifacts, Clock clock, ThresholdRelation relation) {
        this.artifacts = artifacts;
        this.clock = clock;
        this.relation = relation;
    }

    /** Updates the view without acting: used to replay the log. */
    synchronized void observe(SpecificRecord event) {
        if (event instanceof CampaignCreated created) {
            view(created.getCampaignId()).campaign = created;
        } else if (event instanceof EmbeddingsReady ready) {
            CampaignView view = view(ready.getCampaignId());
            if (view.embeddings == null || ready.getRound() >= view.embeddings.getRound()) {
                view.embeddings = ready;
            }
        } else if (event instanceof BudgetState state) {
            view(state.getCampaignId()).ledger = state;
        } else if (event instanceof QueryBatch batch) {
            CampaignView view = view(batch.getCampaignId());
            view.lastQueriedRound = Math.max(view.lastQueriedRound, batch.getRound());
            if (batch.getRound() > 0) {
                view.currentStrategy = batch.getStrategy();
            }
        } else if (event instanceof RoundEvaluated evaluated) {
            CampaignView view = view(evaluated.getCampaignId());
            view.lastEvaluatedRound = Math.max(view.lastEvaluatedRound, evaluated.getRound());
        }
    }

    synchronized void handle(SpecificRecord event, Outbox out) {
        observe(event);
        String campaignId = campaignIdOf(event);
        if (campaignId != null) {
            drive(views.get(campaignId), out);
        }
    }

    private void drive(CampaignView view, Outbox out) {
        if (view.campaign == null || view.embeddings == null) {
            return; // wait for both: they arrive on different topics in any order
        }
        CampaignCreated campaign = view.campaign;
        BudgetState ledger = view.ledger;
        if (ledger != null && ledger.getStatus() == CampaignStatus.STOPPED) {
            return;
        }
        if (view.lastQueriedRound < 0) {
            emitInitialBatch(view, out);
            return;
        }
        if (ledger == null || !ledger.getRoundComplete() || ledger.getRound() <= view.lastEvaluatedRound
                || ledger.getRound() != view.lastQueriedRound || !view.embeddingsFitRound(ledger.getRound())) {
            return;
        }
        int round = ledger.getRound();
        long started = clock.millis();
        Embeddings pool = artifacts.pool(view.embeddings.getPoolUri(), view.embeddings.getPoolSha256());
        LabeledEmbeddings test = artifacts.test(view.embeddings.getTestUri(), view.embeddings.getTestSha256());
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (LabeledSample sample : ledger.getLabels()) {
            labels.put(sample.getSampleId(), sample.getLabel());
        }
        int numClasses = view.embeddings.getClassNames().size();
        TrainedHead head = RoundScorer.fitHead(Heads.create(campaign.getHead()), pool, labels, numClasses);
        Evaluation evaluation = RoundScorer.evaluate(head, test, numClasses);
        out.send(Topics.ROUND_EVALUATED, campaign.getCampaignId(), RoundEvaluated.newBuilder()
                .setCampaignId(campaign.getCampaignId()).setRound(round).setLabeledCount(labels.size())
                .setTestAccuracy(evaluation.accuracy())
                .setPerClassAccuracy(Arrays.stream(evaluation.perClassAccuracy()).boxed().toList())
                .setHead(campaign.getHead()).setStrategy(campaign.getStrategy())
                .setDurationMs(clock.millis() - started).setEvaluatedAt(clock.instant()).build());
        view.lastEvaluatedRound = round;
        LOG.info("campaign {} round {}: {} labels, test accuracy {}", campaign.getCampaignId(), round,
                labels.size(), String.format("%.4f", evaluation.accuracy()));

        int k = Math.min(campaign.getBatchSize(), ledger.getRemaining());
        if (ledger.getStatus() != CampaignStatus.ACTIVE || k <= 0) {
            return;
        }
        String name = strategyFor(view, round + 1, labels.size(), numClasses, out);
        AcquisitionStrategy strategy = Strategies.create(name);
        Selection selection = RoundScorer.select(strategy, pool, labels, ledger.getQueriedIds().keySet(), head,
                numClasses, campaign.getSeed(), round + 1, k);
        emitBatch(view, round + 1, name, selection.ids(), toList(selection.scores()),
                RoundSeeds.forRound(campaign.getSeed(), round + 1), out);
    }

    private void emitInitialBatch(CampaignView view, Outbox out) {
        CampaignCreated campaign = view.campaign;
        Embeddings pool = artifacts.pool(view.embeddings.getPoolUri(), view.embeddings.getPoolSha256());
        List<String> poolIds = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            poolIds.add(pool.id(i));
        }
        int size = Math.min(campaign.getInitialSize(), campaign.getBudget());
        if (size > poolIds.size()) {
            throw new RejectedEventException("campaign " + campaign.getCampaignId() + " asks an initial set of "
                    + size + " but the pool has only " + poolIds.size() + " samples");
        }
        long seed = RoundSeeds.forRound(campaign.getSeed(), 0);
        List<String> ids = InitialSet.pick(poolIds, size, seed);
        List<Double> scores = new ArrayList<>();
        ids.forEach(id -> scores.add(Double.NaN));
        emitBatch(view, 0, "random-initial", ids, scores, seed, out);
    }

    /**
     * The campaign's strategy; for {@code auto} the advisor's choice for the labels held now, and a
     * StrategySwitched event whenever that choice changes.
     */
    private String strategyFor(CampaignView view, int round, int labeled, int numClasses, Outbox out) {
        if (!view.campaign.getStrategy().equals(AUTO)) {
            return view.campaign.getStrategy();
        }
        Advice advice = Advisor.advise(numClasses, labeled, relation);
        String previous = view.currentStrategy == null ? Advice.RANDOM : view.currentStrategy;
        if (!advice.strategy().equals(previous)) {
            out.send(Topics.STRATEGY_SWITCHED, view.campaign.getCampaignId(), StrategySwitched.newBuilder()
                    .setCampaignId(view.campaign.getCampaignId()).setRound(round).setFromStrategy(previous)
                    .setToStrategy(advice.strategy()).setLabeled(labeled).setReason(advice.reason())
                    .setSwitchedAt(clock.instant()).build());
            LOG.info("campaign {} switches from {} to {} at round {}: {}", view.campaign.getCampaignId(), previous,
                    advice.strategy(), round, advice.reason());
        }
        return advice.strategy();
    }

    private void emitBatch(CampaignView view, int round, String strategy, List<String> ids, List<Double> scores,
                           long seed, Outbox out) {
        EmbeddingsReady embeddings = view.embeddings;
        out.send(Topics.QUERY_BATCH, view.campaign.getCampaignId(), QueryBatch.newBuilder()
                .setCampaignId(view.campaign.getCampaignId()).setRound(round).setSampleIds(ids).setScores(scores)
                .setNumClasses(embeddings.getClassNames().size()).setClassNames(embeddings.getClassNames())
                .setStrategy(strategy).setSelectionSeed(seed)
                .setEmbeddingsSha256(embeddings.getPoolSha256()).setCreatedAt(clock.instant()).build());
        view.lastQueriedRound = round;
        if (round > 0) {
            view.currentStrategy = strategy;
        }
    }

    private CampaignView view(String campaignId) {
        return views.computeIfAbsent(campaignId, id -> new CampaignView());
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
