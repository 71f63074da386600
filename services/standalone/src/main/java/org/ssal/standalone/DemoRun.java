package org.ssal.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.campaign.CampaignCommands;
import org.ssal.campaign.CampaignRequest;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderChosen;
import org.ssal.events.PretrainComplete;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/** One campaign through the running services, followed on the event log and printed as a table. */
public class DemoRun implements QuarkusApplication {
    static DemoOptions options;

    @Inject
    CampaignCommands commands;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final PrintStream out = System.out;

    @Override
    public int run(String... args) throws Exception {
        if (options.datasetFellBack()) {
            out.println("ssal: Fashion-MNIST is not installed, using the generated 'synthetic' dataset.");
            out.println("      For real data: apt-get install dataset-fashion-mnist, or --data DIR with its IDX .gz files.");
        }
        // --repeat: the same campaign again with the next seeds, in this JVM and on these services, so
        // that later campaigns' rounds are timed with the JIT warm, as in a service that runs for days
        for (int i = 0; i < options.repeat(); i++) {
            if (options.repeat() > 1) {
                out.printf("%nssal: campaign %d of %d (seed %d)%n", i + 1, options.repeat(), options.seed() + i);
            }
            int exit = runCampaign(options.seed() + i);
            if (exit != 0) {
                return exit;
            }
        }
        return 0;
    }

    private int runCampaign(long seed) throws Exception {
        String campaignId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        CampaignCreated created = CampaignRequest.parse(options.campaignJson(campaignId, seed)).validate()
                .toEvent(Instant.now());
        out.printf("ssal: campaign %s on %s: budget %d, initial %d, batch %d, strategy %s, encoder %s, head %s%n",
                campaignId, options.dataset(), created.getBudget(), created.getInitialSize(), created.getBatchSize(),
                created.getStrategy(), created.getEncoderSpec(), created.getHead());
        long started = System.nanoTime();
        commands.send(Topics.CAMPAIGNS, campaignId, created);
        if (options.human()) {
            HumanDemo.announce(out, campaignId, options.httpPort(), created.getBudget(), options.timeoutMinutes());
        }

        TreeMap<Integer, RoundEvaluated> rounds = new TreeMap<>();
        Duration timeout = Duration.ofMinutes(options.timeoutMinutes());
        boolean headerPrinted = false;
        int lastLabeledShown = -1;
        Map<Integer, String> features = new TreeMap<>(); // an auto encoder's choice per round
        Map<Integer, Instant> lastLabelAt = new TreeMap<>(); // per round: when its last label was written
        Map<Integer, Double> turnaround = new TreeMap<>(); // per round: seconds from its last label to the next batch
        try (EventLog log = new EventLog(bootstrapServers, List.of(Topics.PRETRAIN_COMPLETE, Topics.EMBEDDINGS_READY,
                Topics.ENCODER_CHOSEN, Topics.BUDGET_STATE, Topics.ROUND_EVALUATED, Topics.QUERY_BATCH,
                Topics.DEAD_LETTER))) {
            while (!finished(rounds, created.getBudget())) {
                if (System.nanoTime() - started > timeout.toNanos()) {
                    out.printf("ssal: gave up after %d minutes (--timeout-min)%n", options.timeoutMinutes());
                    return 1;
                }
                for (SpecificRecord event : log.poll(Duration.ofMillis(500))) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    String failure = failureOf(event, campaignId);
                    if (event instanceof PretrainComplete p && p.getCampaignId().equals(campaignId)) {
                        out.printf("[%6.1fs] encoder %s ready%s%n", seconds, p.getEncoderSpec(),
                                p.getCached() ? " (reused earlier pretraining)" : "");
                    } else if (event instanceof EncoderChosen c && c.getCampaignId().equals(campaignId)) {
                        features.put(c.getRound(), c.getChosen());
                        out.printf("[%6.1fs] features %s: %s (%s)%n", seconds,
                                c.getRound() < 0 ? "of the pool" : "after round " + c.getRound(), c.getChosen(),
                                c.getReason());
                    } else if (event instanceof EmbeddingsReady e && e.getCampaignId().equals(campaignId)) {
                        out.printf("[%6.1fs] embeddings: pool %d, test %d, dim %d%n", seconds, e.getPoolSize(),
                                e.getTestSize(), e.getDim());
                    } else if (failure != null) {
                        // a demo does not wait for a resume: say why and stop
                        out.printf("[%6.1fs] ssal: campaign %s FAILED: %s%n", seconds, campaignId, failure);
                        return 1;
                    } else if (event instanceof BudgetState b && b.getCampaignId().equals(campaignId)
                            && b.getLabeled() != lastLabeledShown && (b.getRoundComplete() || b.getLabeled() % 50 == 0)) {
                        lastLabeledShown = b.getLabeled();
                        if (b.getRoundComplete()) {
                            lastLabelAt.put(b.getRound(), b.getUpdatedAt()); // the time of the label that completed it
                        }
                        out.printf("[%6.1fs] round %d: labeled %d / queried %d of budget %d%s%n", seconds, b.getRound(),
                                b.getLabeled(), b.getQueried(), b.getBudget(), b.getRoundComplete() ? " (round complete)" : "");
                    } else if (event instanceof RoundEvaluated r && r.getCampaignId().equals(campaignId)) {
                        if (!headerPrinted) {
                            out.println();
                            out.println(" round | labeled | test accuracy |   time");
                            out.println("-------+---------+---------------+--------");
                            headerPrinted = true;
                        }
                        rounds.put(r.getRound(), r);
                        out.printf(" %5d | %7d | %13.4f | %5.1fs%n", r.getRound(), r.getLabeledCount(),
                                r.getTestAccuracy(), seconds);
                    } else if (event instanceof QueryBatch q && q.getCampaignId().equals(campaignId)
                            && lastLabelAt.containsKey(q.getRound() - 1)) {
                        // end to end: the oracle's last label through tracker and scorer to the committed batch
                        double took = Duration.between(lastLabelAt.get(q.getRound() - 1), Instant.now()).toMillis() / 1e3;
                        turnaround.put(q.getRound() - 1, took);
                        out.printf("[%6.1fs] batch %d: %d samples by %s, %.2fs after the last label of round %d%n",
                                seconds, q.getRound(), q.getSampleIds().size(), q.getStrategy(), took, q.getRound() - 1);
                    } else if (event instanceof Rejected d && campaignId.equals(d.getKey())) {
                        out.printf("[%6.1fs] dead-letter from %s: %s%n", seconds, d.getService(), d.getReason());
                    }
                }
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        RoundEvaluated first = rounds.firstEntry().getValue();
        RoundEvaluated last = rounds.lastEntry().getValue();
        out.println();
        out.printf("ssal: done in %.1fs: %d rounds, %d labels, accuracy %.4f -> %.4f (%s, %s on %s)%n", total,
                rounds.size(), last.getLabeledCount(), first.getTestAccuracy(), last.getTestAccuracy(),
                created.getStrategy(), created.getEncoderSpec(), options.dataset());
        if (options.summaryJson() != null) {
            writeSummary(campaignId, created, rounds, features, turnaround);
            out.println("ssal: summary written to " + options.summaryJson());
        }
        return 0;
    }

    /** Why the campaign failed, when {@code event} is its ledger saying FAILED; else null. */
    static String failureOf(SpecificRecord event, String campaignId) {
        if (event instanceof BudgetState b && b.getCampaignId().equals(campaignId)
                && b.getStatus() == CampaignStatus.FAILED) {
            return b.getFailure() == null ? "(no reason given)" : b.getFailure().getReason();
        }
        return null;
    }

    private static boolean finished(Map<Integer, RoundEvaluated> rounds, int budget) {
        return rounds.values().stream().anyMatch(r -> r.getLabeledCount() >= budget);
    }

    private void writeSummary(String campaignId, CampaignCreated created, Map<Integer, RoundEvaluated> rounds,
                              Map<Integer, String> features, Map<Integer, Double> turnaround)
            throws java.io.IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RoundEvaluated r : rounds.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", r.getRound());
            row.put("labeled", r.getLabeledCount());
            row.put("accuracy", r.getTestAccuracy());
            if (features.containsKey(r.getRound())) {
                row.put("features", features.get(r.getRound())); // what the round was evaluated on
            }
            if (turnaround.containsKey(r.getRound())) {
                row.put("nextBatchSeconds", turnaround.get(r.getRound()));
            }
            rows.add(row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("campaignId", campaignId);
        summary.put("dataset", options.dataset());
        summary.put("strategy", created.getStrategy());
        summary.put("encoder", created.getEncoderSpec());
        summary.put("budget", created.getBudget());
        summary.put("labeled", rows.isEmpty() ? 0 : rounds.values().stream().mapToInt(RoundEvaluated::getLabeledCount).max().orElse(0));
        summary.put("rounds", rows);
        if (options.summaryJson().getParent() != null) {
            Files.createDirectories(options.summaryJson().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.summaryJson().toFile(), summary);
    }
}
