package org.ssal.trainer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ssal.events.CampaignCreated;
import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Encoder;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.service.ArtifactStore;

/**
 * Turns a campaign's encoder spec into a ready encoder, pretraining it only when no encoder with
 * the same id (dataset, pool, spec, epochs, seed) is stored yet: a second campaign on the same
 * data reuses the first one's pretraining.
 */
final class EncoderWorkshop {
    /** An encoder ready to embed, with what the PretrainComplete event reports about it. */
    record Prepared(Encoder encoder, String encoderId, ArtifactStore.Ref artifact, List<Double> epochLosses,
                    boolean cached, long durationMs, Map<String, String> config) {
    }

    private final ArtifactStore store;
    private final int defaultEpochs;

    EncoderWorkshop(ArtifactStore store, int defaultEpochs) {
        this.store = store;
        this.defaultEpochs = defaultEpochs;
    }

    static String encoderId(CampaignCreated campaign, int epochs) {
        Map<String, String> sorted = new TreeMap<>(campaign.getDatasetOptions());
        return "enc-" + ArtifactStore.sha256Hex(String.join("|", campaign.getDataset(), sorted.toString(),
                Integer.toString(campaign.getPoolSize()), Long.toString(campaign.getSeed()),
                campaign.getEncoderSpec(), Integer.toString(epochs))).substring(0, 32);
    }

    Prepared prepare(CampaignCreated campaign, ImageSet pool, Progress progress) {
        String spec = campaign.getEncoderSpec();
        int epochs = campaign.getPretrainEpochs() > 0 ? campaign.getPretrainEpochs() : defaultEpochs;
        if (spec.equals("pixels")) {
            PixelEncoder encoder = new PixelEncoder();
            return new Prepared(encoder, encoderId(campaign, 0), null, List.of(), false, 0,
                    Map.of("encoder", encoder.describe()));
        }
        throw new IllegalArgumentException("unknown encoder spec '" + spec + "' (known: pixels)");
    }
}
