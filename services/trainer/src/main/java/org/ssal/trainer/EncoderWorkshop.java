package org.ssal.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ssal.events.CampaignCreated;
import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Encoder;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.SimSiamModel;
import org.ssal.learning.ssl.SimSiamTrainer;
import org.ssal.service.ArtifactStore;
import org.ssal.service.RejectedEventException;

/**
 * Turns a campaign's encoder spec into a ready encoder, pretraining it only when no encoder with
 * the same id (dataset, options, pool size, spec, epochs) is stored yet: a second campaign on the
 * same data reuses the first one's pretraining, whatever its own seed (as in the paper, one
 * self-supervised model serves every active-learning run on a dataset). Specs: {@code pixels} (the raw-pixel baseline),
 * {@code simsiam:<encoder>} (e.g. simsiam:smallcnn, simsiam:resnet18:0.25) and
 * {@code random-init:<encoder>} (the same network untrained, a control).
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

    /**
     * The cache key of a pretrained encoder: data, pool, spec and the full training recipe, so that
     * an artifact store kept across versions never serves an encoder trained with other settings.
     */
    static String encoderId(CampaignCreated campaign, String recipeJson) {
        Map<String, String> sorted = new TreeMap<>(campaign.getDatasetOptions());
        return "enc-" + ArtifactStore.sha256Hex(String.join("|", campaign.getDataset(), sorted.toString(),
                Integer.toString(campaign.getPoolSize()), campaign.getEncoderSpec(), recipeJson)).substring(0, 32);
    }

    Prepared prepare(CampaignCreated campaign, ImageSet pool, Progress progress) {
        String spec = campaign.getEncoderSpec();
        if (spec.equals("pixels")) {
            PixelEncoder encoder = new PixelEncoder(pool.pixelsPerImage());
            return new Prepared(encoder, encoderId(campaign, ""), null, List.of(), false, 0,
                    Map.of("encoder", encoder.describe()));
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        if (colon < 0 || !(kind.equals("simsiam") || kind.equals("random-init"))) {
            throw new RejectedEventException("unknown encoder spec '" + spec
                    + "' (known: pixels, simsiam:<encoder>, random-init:<encoder>; encoders smallcnn, resnet18[:width])");
        }
        int epochs = kind.equals("random-init") ? 0
                : campaign.getPretrainEpochs() > 0 ? campaign.getPretrainEpochs() : defaultEpochs;
        SimSiamConfig config;
        try {
            config = SimSiamConfig.defaults().withEncoder(spec.substring(colon + 1)).withEpochs(epochs)
                    .withSeed(org.ssal.learning.data.DatasetSpec.CAMPAIGN_DATA_SEED);
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("encoder spec '" + spec + "': " + e.getMessage());
        }
        String id = encoderId(campaign, config.toJson());
        Map<String, String> configMap = Map.of("encoder", spec, "simsiam", config.toJson());
        var cached = store.recall(id);
        if (cached.isPresent()) {
            SimSiamModel model = unpack(cached.get());
            return new Prepared(model, id, cached.get(), model.lossCurve(), true, 0, configMap);
        }
        long started = System.currentTimeMillis();
        SimSiamModel model = SimSiamTrainer.train(pool, config, progress);
        long duration = System.currentTimeMillis() - started;
        ArtifactStore.Ref ref = pack(model);
        store.remember(id, ref);
        return new Prepared(model, id, ref, new ArrayList<>(model.lossCurve()), false, duration, configMap);
    }

    private ArtifactStore.Ref pack(SimSiamModel model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ssal-encoder-");
            model.save(dir);
            return store.putDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the pretrained encoder", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private SimSiamModel unpack(ArtifactStore.Ref ref) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ssal-encoder-");
            store.readDirectory(ref.uri(), ref.sha256(), dir);
            return SimSiamModel.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the stored encoder " + ref.uri(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
