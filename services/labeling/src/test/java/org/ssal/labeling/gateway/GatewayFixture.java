package org.ssal.labeling.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/** What the gateway tests write to and read from the broker, as the other services would. */
final class GatewayFixture {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Map<String, String> POOL_OPTIONS = Map.of("classes", "10", "train", "200", "test", "20");
    static final int POOL_SIZE = 60;
    static final int TEST_SIZE = 10;

    private final String bootstrap;

    GatewayFixture(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A human campaign on a small synthetic pool with 10 classes. */
    static CampaignCreated humanCampaign(String id, int budget, int redundancy, int leaseSeconds) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setDatasetOptions(POOL_OPTIONS)
                .setPoolSize(POOL_SIZE).setTestSize(TEST_SIZE).setBudget(budget).setInitialSize(4).setBatchSize(4)
                .setStrategy("random").setOracle("human").setRedundancy(redundancy).setLeaseSeconds(leaseSeconds)
                .setAggregation("majority").setSeed(7).setCreatedAt(Instant.now()).build();
    }

    /** The pool the gateway loads for {@link #humanCampaign}: the trainer's and oracle's spec. */
    static ImageSet pool() {
        try {
            return Datasets.load(DatasetSpec.forCampaign("synthetic", null, POOL_SIZE, TEST_SIZE, POOL_OPTIONS)).train();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QueryBatch batch(String campaignId, int round, List<String> samples, ImageSet pool) {
        return QueryBatch.newBuilder().setCampaignId(campaignId).setRound(round).setSampleIds(samples)
                .setNumClasses(pool.numClasses()).setClassNames(pool.classNames()).setStrategy("random")
                .setSelectionSeed(round).setCreatedAt(Instant.now()).build();
    }

    void write(String topic, String key, SpecificRecord event) {
        EventLog.write(bootstrap, topic, key, event);
    }

    /** Waits until at least {@code count} labels of the campaign are on labels-received; returns all of them. */
    List<LabelReceived> awaitLabels(String campaignId, int count) {
        try (EventLog log = new EventLog(bootstrap, List.of(Topics.LABELS_RECEIVED))) {
            List<LabelReceived> labels = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                for (SpecificRecord event : log.poll(Duration.ofMillis(200))) {
                    if (event instanceof LabelReceived label && label.getCampaignId().equals(campaignId)) {
                        labels.add(label);
                    }
                }
                return labels.size() >= count;
            });
            // and nothing more up to the end of the topic
            log.replayToEnd(event -> {
                if (event instanceof LabelReceived label && label.getCampaignId().equals(campaignId)) {
                    labels.add(label);
                }
            }, PATIENCE);
            return labels;
        }
    }
}
