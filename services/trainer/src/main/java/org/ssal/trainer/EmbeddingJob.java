package org.ssal.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.PretrainComplete;
import org.ssal.learning.Progress;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.DatasetSplits;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.round.LabeledEmbeddings;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.Outbox;
import org.ssal.service.RejectedEventException;

/**
 * The trainer's side of the round protocol: for a new campaign, load its pool and test split,
 * obtain the encoder (pretrained or reused) and store the embeddings of both, then announce
 * PretrainComplete and EmbeddingsReady(round 0).
 */
final class EmbeddingJob {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingJob.class);
    private final ArtifactStore store;
    private final EncoderWorkshop workshop;
    private final Path dataDir;
    private final Clock clock;
    private final Set<String> embedded = new HashSet<>();

    EmbeddingJob(ArtifactStore store, EncoderWorkshop workshop, Path dataDir, Clock clock) {
        this.store = store;
        this.workshop = workshop;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    synchronized void observe(SpecificRecord event) {
        if (event instanceof EmbeddingsReady ready && ready.getRound() == 0) {
            embedded.add(ready.getCampaignId());
        }
    }

    synchronized void handle(SpecificRecord event, Outbox out) {
        observe(event);
        if (!(event instanceof CampaignCreated campaign) || embedded.contains(campaign.getCampaignId())) {
            return;
        }
        String id = campaign.getCampaignId();
        DatasetSplits splits = load(campaign);
        Progress progress = (stage, done, total, detail) -> LOG.info("campaign {} {} {}/{} {}", id, stage, done, total, detail);
        long started = clock.millis();
        EncoderWorkshop.Prepared prepared = workshop.prepare(campaign, splits.train(), progress);
        out.send(Topics.PRETRAIN_COMPLETE, id, PretrainComplete.newBuilder()
                .setCampaignId(id).setEncoderId(prepared.encoderId()).setEncoderSpec(campaign.getEncoderSpec())
                .setArtifactUri(prepared.artifact() == null ? "" : prepared.artifact().uri())
                .setArtifactSha256(prepared.artifact() == null ? "" : prepared.artifact().sha256())
                .setConfig(prepared.config()).setEpochLosses(prepared.epochLosses()).setCached(prepared.cached())
                .setDurationMs(prepared.durationMs()).setCompletedAt(clock.instant()).build());

        Embeddings pool = prepared.encoder().embed(splits.train(), progress);
        Embeddings testEmbeddings = prepared.encoder().embed(splits.test(), progress);
        int[] testLabels = new int[splits.test().size()];
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = splits.test().label(i);
        }
        ArtifactStore.Ref poolRef = store.put(pool::write);
        ArtifactStore.Ref testRef = store.put(new LabeledEmbeddings(testEmbeddings, testLabels)::write);
        out.send(Topics.EMBEDDINGS_READY, id, EmbeddingsReady.newBuilder()
                .setCampaignId(id).setRound(0).setEncoderId(prepared.encoderId())
                .setPoolUri(poolRef.uri()).setPoolSha256(poolRef.sha256())
                .setTestUri(testRef.uri()).setTestSha256(testRef.sha256())
                .setPoolSize(pool.size()).setTestSize(testEmbeddings.size()).setDim(pool.dim())
                .setClassNames(splits.train().classNames()).build());
        embedded.add(id);
        LOG.info("campaign {}: {} pool and {} test embeddings of dim {} in {} ms", id, pool.size(),
                testEmbeddings.size(), pool.dim(), clock.millis() - started);
    }

    private DatasetSplits load(CampaignCreated campaign) {
        try {
            DatasetSpec spec = DatasetSpec.forCampaign(campaign.getDataset(),
                    DatasetRoots.resolve(campaign.getDataset(), dataDir), campaign.getPoolSize(),
                    campaign.getTestSize(), campaign.getDatasetOptions());
            return Datasets.load(spec);
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("campaign " + campaign.getCampaignId() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("campaign " + campaign.getCampaignId() + ": cannot load "
                    + campaign.getDataset() + ": " + e.getMessage(), e);
        }
    }
}
