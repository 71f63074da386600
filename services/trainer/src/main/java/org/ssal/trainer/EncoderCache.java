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
import org.ssal.learning.embed.EncoderSpec;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.SimSiamModel;
import org.ssal.learning.ssl.SimSiamTrainer;
import org.ssal.schemas.Catalogue;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CampaignFailedException;

/**
 * A campaign's frozen encoder, pretrained only when no encoder with the same id (dataset,
 * options, pool size, spec, training recipe) is stored yet; otherwise the stored one is loaded.
 * The spec grammar and the recipe are learning's ({@link EncoderSpec}, {@link SimSiamConfig#forCampaign});
 * this class adds the artifact store.
 */
final class EncoderCache {
    /** An encoder ready to embed, with what the PretrainComplete event reports about it. */
    record Prepared(Encoder encoder, String encoderId, ArtifactStore.Ref artifact, List<Double> epochLosses,
                    boolean cached, long durationMs, Map<String, String> config) {
    }

    private final ArtifactStore store;
    private final int defaultEpochs;

    /** @param defaultEpochs pretraining epochs of a campaign that sets none */
    EncoderCache(ArtifactStore store, int defaultEpochs) {
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

    /** The encoder of an SSL campaign: pixels, or a SimSiam network (pretrained, or untrained as a control). */
    Prepared prepare(CampaignCreated campaign, ImageSet pool, Progress progress) {
        EncoderSpec spec = frozenEncoderOf(campaign);
        if (spec.kind() == EncoderSpec.Kind.PIXELS) {
            PixelEncoder encoder = new PixelEncoder(pool.pixelsPerImage());
            return new Prepared(encoder, encoderId(campaign, ""), null, List.of(), false, 0,
                    Map.of("encoder", encoder.describe()));
        }
        SimSiamConfig config;
        try {
            config = SimSiamConfig.forCampaign(spec, campaign.getPretrainEpochs(), defaultEpochs);
        } catch (IllegalArgumentException e) {
            throw new CampaignFailedException(campaign.getCampaignId(), "encoder", campaign.getEncoderSpec(), -1,
                    "encoder spec '" + campaign.getEncoderSpec() + "': " + e.getMessage());
        }
        String id = encoderId(campaign, config.toJson());
        Map<String, String> configMap = Map.of("encoder", campaign.getEncoderSpec(), "simsiam", config.toJson());
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

    /** A frozen encoder's spec; a supervised one belongs to no-SSL campaigns only. */
    static EncoderSpec frozenEncoderOf(CampaignCreated campaign) {
        String text = campaign.getEncoderSpec();
        try {
            EncoderSpec spec = EncoderSpec.parse(text);
            if (spec.kind() != EncoderSpec.Kind.SUPERVISED) {
                return spec;
            }
        } catch (IllegalArgumentException e) {
            // rejected below, with the catalogue's names
        }
        throw new CampaignFailedException(campaign.getCampaignId(), "encoder", text, -1,
                "unknown encoder spec '" + text + "' for an SSL campaign (known: "
                + Catalogue.choices(Catalogue.ENCODER_KINDS.stream()
                        .filter(kind -> !kind.equals(EncoderSpec.Kind.SUPERVISED.label())).toList())
                + "; networks " + Catalogue.choices(Catalogue.NETWORKS) + ")");
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
