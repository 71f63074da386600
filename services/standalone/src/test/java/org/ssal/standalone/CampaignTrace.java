package org.ssal.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/**
 * Every committed event of one campaign, read from the beginning of the topics, and the check
 * that it finished exactly once: budget spent exactly, every round queried and evaluated once,
 * every label counted once.
 */
final class CampaignTrace implements AutoCloseable {
    static final List<String> TOPICS = List.of(Topics.EMBEDDINGS_READY, Topics.QUERY_BATCH, Topics.LABELS_RECEIVED,
            Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.LABELS);

    final String campaignId;
    final int budget;
    private final EventLog log;
    final List<QueryBatch> batches = new ArrayList<>();
    final List<LabelReceived> labels = new ArrayList<>();
    /** What the budget tracker accepted (labels topic). */
    final List<LabeledSample> accepted = new ArrayList<>();
    final List<RoundEvaluated> evaluations = new ArrayList<>();
    final List<EmbeddingsReady> embeddings = new ArrayList<>();
    /** Every published ledger state, in order. */
    final List<BudgetState> states = new ArrayList<>();
    BudgetState lastState;

    /** @param reader a consumer config as {@link EventLog#readerProperties} makes it (with the login that may read {@link #TOPICS}) */
    CampaignTrace(Properties reader, String campaignId, int budget) {
        this.campaignId = campaignId;
        this.budget = budget;
        this.log = new EventLog(reader, TOPICS);
    }

    /** Reads what is there; true when any event came (of any campaign). */
    boolean pollOnce() {
        List<SpecificRecord> events = log.poll(Duration.ofMillis(200));
        for (SpecificRecord event : events) {
            if (event instanceof QueryBatch b && b.getCampaignId().equals(campaignId)) {
                batches.add(b);
            } else if (event instanceof LabelReceived l && l.getCampaignId().equals(campaignId)) {
                labels.add(l);
            } else if (event instanceof LabeledSample l && l.getCampaignId().equals(campaignId)) {
                accepted.add(l);
            } else if (event instanceof RoundEvaluated r && r.getCampaignId().equals(campaignId)) {
                evaluations.add(r);
            } else if (event instanceof EmbeddingsReady e && e.getCampaignId().equals(campaignId)) {
                embeddings.add(e);
            } else if (event instanceof BudgetState s && s.getCampaignId().equals(campaignId)) {
                states.add(s);
                lastState = s;
            }
        }
        return !events.isEmpty();
    }

    boolean completed() {
        return lastState != null && lastState.getStatus() == CampaignStatus.COMPLETED
                && evaluations.stream().anyMatch(r -> r.getLabeledCount() == budget);
    }

    /** Reads until nothing more comes for a second: everything committed so far, and what follows at once. */
    void drain() {
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 1_000_000_000L) {
            if (pollOnce()) {
                quietSince = System.nanoTime();
            }
        }
    }

    /** Reads until {@code condition} holds; fails after {@code atMost} with the trace and {@code context} (e.g. logs). */
    void awaitUntil(String what, Duration atMost, Callable<Boolean> condition, Supplier<String> context) {
        try {
            await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                pollOnce();
                return condition.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + atMost + "; " + summary() + "\n" + context.get(), e);
        }
    }

    String summary() {
        return "campaign " + campaignId + ": batches " + batches.stream().map(QueryBatch::getRound).toList()
                + ", evaluated " + evaluations.stream().map(RoundEvaluated::getRound).toList()
                + ", labels " + labels.size() + ", embeddings " + embeddings.size() + ", ledger "
                + (lastState == null ? "none" : lastState.getStatus() + " labeled " + lastState.getLabeled()
                + " remaining " + lastState.getRemaining());
    }

    /**
     * COMPLETED with the budget queried and labeled exactly; one batch and one evaluation per
     * round (0..n, n from the initial and batch sizes); the pool embedded once (a frozen encoder);
     * no sample asked twice; no label lost or emitted twice; the ledger counted each once.
     */
    void assertFinishedExactlyOnce(int initialSize, int batchSize) {
        drain(); // whatever a restarted service might still have emitted twice
        BudgetState last = lastState;
        assertEquals(CampaignStatus.COMPLETED, last.getStatus(), "final status");
        assertEquals(budget, last.getLabeled(), "labeled == budget");
        assertEquals(budget, last.getQueried(), "queried == budget");
        assertEquals(0, last.getRemaining(), "remaining");

        Map<Integer, List<QueryBatch>> batchesByRound = batches.stream()
                .collect(Collectors.groupingBy(QueryBatch::getRound, TreeMap::new, Collectors.toList()));
        int rounds = 1 + (budget - initialSize + batchSize - 1) / batchSize;
        List<Integer> expectedRounds = IntStream.range(0, rounds).boxed().toList();
        assertEquals(expectedRounds, List.copyOf(batchesByRound.keySet()), "query batches by round");
        batchesByRound.forEach((round, list) -> assertEquals(1, list.size(), "query batches of round " + round));
        Map<Integer, Long> evaluationsByRound = evaluations.stream()
                .collect(Collectors.groupingBy(RoundEvaluated::getRound, TreeMap::new, Collectors.counting()));
        assertEquals(expectedRounds, List.copyOf(evaluationsByRound.keySet()), "evaluated rounds");
        evaluationsByRound.forEach((round, n) -> assertEquals(1L, n, "evaluations of round " + round));
        assertEquals(budget, evaluations.stream().mapToInt(RoundEvaluated::getLabeledCount).max().orElse(0),
                "labeled count of the last evaluation");

        assertEquals(List.of(0), embeddings.stream().map(EmbeddingsReady::getRound).toList(),
                "embeddings-ready events by round");

        Set<String> queried = new HashSet<>();
        for (QueryBatch batch : batches) {
            for (String sample : batch.getSampleIds()) {
                assertTrue(queried.add(sample), "asked twice: " + sample);
            }
        }
        assertEquals(budget, queried.size(), "queried samples");

        List<String> labeled = labels.stream().map(LabelReceived::getSampleId).toList();
        assertEquals(labeled.size(), new HashSet<>(labeled).size(), "labels emitted twice: " + duplicates(labeled));
        assertEquals(queried, new HashSet<>(labeled), "labels received == samples queried");
        List<String> counted = accepted.stream().map(LabeledSample::getSampleId).toList();
        assertEquals(budget, counted.size(), "labels on the labels topic");
        assertEquals(queried, new HashSet<>(counted), "labels in the ledger == samples queried");
    }

    private static List<String> duplicates(List<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.stream().filter(id -> !seen.add(id)).toList();
    }

    @Override
    public void close() {
        log.close();
    }
}
