package org.ssal.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ssal.events.CampaignCreated;
import org.ssal.learning.Nd4jEnvironment;
import org.ssal.learning.Progress;
import org.ssal.learning.data.DatasetSpec;
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
import org.ssal.service.provenance.Platform;
import org.ssal.service.provenance.Provenance;

/**
 * A campaign's frozen encoder, pretrained only when no encoder with the same id (dataset,
 * options, pool size, spec, training recipe) is stored yet; otherwise the stored one is loaded.
 * The spec grammar and the recipe are learning's ({@link EncoderSpec}, {@link SimSiamConfig#forCampaign});
 * this class adds the artifact store. Each stored encoder has a provenance record stored next to it
 * (cache key {@code <encoder id>.provenance}); a reused encoder reports the record of its original
 * pretraining, not one of the campaign that reuses it.
 */
final class EncoderCache {
    /** An encoder ready to embed, with what the PretrainComplete event reports about it. */
    record Prepared(Encoder encoder, String encoderId, ArtifactStore.Ref artifact, List<Double> epochLosses,
                    boolean cached, long durationMs, Map<String, String> config, ArtifactStore.Ref provenance) {
    }

    private static final String PROVENANCE_KEY_SUFFIX = ".provenance";

    private final ArtifactStore store;
    private final int defaultSteps;

    /** @param defaultSteps pretraining steps of a campaign that sets no epochs */
    EncoderCache(ArtifactStore store, int defaultSteps) {
        this.store = store;
        this.defaultSteps = defaultSteps;
    }

    /**
     * The cache key of a pretrained encoder: data, pool, spec and the full training recipe, so that
     * an artifact store kept across versions never serves an encoder trained with other settings.
     */
    static String encoderId(CampaignCreated campaign, String spec, String recipeJson) {
        Map<String, String> sorted = new TreeMap<>(campaign.getDatasetOptions());
        return "enc-" + ArtifactStore.sha256Hex(String.join("|", campaign.getDataset(), sorted.toString(),
                Integer.toString(campaign.getPoolSize()), spec, recipeJson)).substring(0, 32);
    }

    /**
     * The encoder of an SSL campaign: pixels, or a SimSiam network (pretrained, or untrained as a control).
     *
     * @param dataset the dataset files {@code pool} was read from, as provenance inputs
     */
    Prepared prepare(CampaignCreated campaign, ImageSet pool, List<Provenance.Input> dataset, Progress progress) {
        return prepare(campaign, campaign.getEncoderSpec(), pool, dataset, progress);
    }

    /**
     * As {@link #prepare(CampaignCreated, ImageSet, List, Progress)} for one of the campaign's
     * encoders, {@code specText} (a candidate of an {@code auto} campaign): a candidate and a
     * campaign of that one encoder on the same data share the stored encoder.
     */
    Prepared prepare(CampaignCreated campaign, String specText, ImageSet pool, List<Provenance.Input> dataset,
                     Progress progress) {
        EncoderSpec spec = frozenEncoderOf(campaign, specText);
        if (spec.kind() == EncoderSpec.Kind.PIXELS) {
            Instant now = Instant.now();
            PixelEncoder encoder = new PixelEncoder(pool.pixelsPerImage());
            String id = encoderId(campaign, specText, "");
            // nothing is trained or stored: the record says which function embeds, and that it read no data
            ArtifactStore.Ref provenance = store.put(Provenance.of(Provenance.ENCODER, campaign.getCampaignId(),
                    provenanceConfig(campaign, id, Map.of("encoder", encoder.describe())), Map.of(), List.of(),
                    List.of(), Platform.describe(), now, now).toJson());
            return new Prepared(encoder, id, null, List.of(), false, 0, Map.of("encoder", encoder.describe()),
                    provenance);
        }
        SimSiamConfig config;
        try {
            config = SimSiamConfig.forCampaign(spec, campaign.getPretrainEpochs(), defaultSteps, pool.size());
        } catch (IllegalArgumentException e) {
            throw new CampaignFailedException(campaign.getCampaignId(), "encoder", specText, -1,
                    "encoder spec '" + specText + "': " + e.getMessage());
        }
        String id = encoderId(campaign, specText, config.toJson());
        Map<String, String> configMap = Map.of("encoder", specText, "simsiam", config.toJson());
        Map<String, Long> seeds = Map.of("data", DatasetSpec.CAMPAIGN_DATA_SEED, "simsiam", config.seed());
        var cached = store.recall(id);
        if (cached.isPresent()) {
            SimSiamModel model = unpack(cached.get());
            ArtifactStore.Ref provenance = store.recall(id + PROVENANCE_KEY_SUFFIX)
                    .orElseGet(() -> recordLegacy(campaign, id, configMap, seeds, dataset, cached.get()));
            return new Prepared(model, id, cached.get(), model.lossCurve(), true, 0, configMap, provenance);
        }
        Instant startedAt = Instant.now();
        long started = System.currentTimeMillis();
        SimSiamModel model = SimSiamTrainer.train(pool, config, progress);
        long duration = System.currentTimeMillis() - started;
        ArtifactStore.Ref ref = pack(model);
        ArtifactStore.Ref provenance = store.put(Provenance.of(Provenance.ENCODER, campaign.getCampaignId(),
                provenanceConfig(campaign, id, configMap), seeds, dataset, describing(ref), runtime(), startedAt,
                Instant.now()).toJson());
        // the record first: a store that knows the encoder always knows where it came from
        store.remember(id + PROVENANCE_KEY_SUFFIX, provenance);
        store.remember(id, ref);
        return new Prepared(model, id, ref, new ArrayList<>(model.lossCurve()), false, duration, configMap, provenance);
    }

    /**
     * A record for an encoder stored before provenance existed, remembered so that later reuses name
     * the same one; it says that inputs and platform are those of the reuse, not of the pretraining.
     */
    private ArtifactStore.Ref recordLegacy(CampaignCreated campaign, String id, Map<String, String> configMap,
                                           Map<String, Long> seeds, List<Provenance.Input> dataset,
                                           ArtifactStore.Ref encoder) {
        Map<String, String> config = new TreeMap<>(configMap);
        config.put("note", "written when this stored encoder was reused: it was pretrained before ssal recorded"
                + " provenance; inputs and runtime are those of the reuse, times unknown");
        ArtifactStore.Ref provenance = store.put(Provenance.of(Provenance.ENCODER, campaign.getCampaignId(),
                provenanceConfig(campaign, id, config), seeds, dataset, describing(encoder), runtime(), null, null)
                .toJson());
        store.remember(id + PROVENANCE_KEY_SUFFIX, provenance);
        return provenance;
    }

    /** The platform of a job that ran ND4J: JVM, OS, CPU and the backend. */
    static Map<String, String> runtime() {
        Map<String, String> runtime = new TreeMap<>(Platform.describe());
        runtime.putAll(Nd4jEnvironment.describe());
        return runtime;
    }

    /** What a provenance record says about a campaign's data and encoder, besides the encoder's own settings. */
    static Map<String, String> provenanceConfig(CampaignCreated campaign, String encoderId, Map<String, String> encoder) {
        Map<String, String> config = new TreeMap<>(encoder);
        config.put("dataset", campaign.getDataset());
        config.put("datasetOptions", new TreeMap<>(campaign.getDatasetOptions()).toString());
        config.put("poolSize", Integer.toString(campaign.getPoolSize()));
        config.put("encoderId", encoderId);
        return config;
    }

    private static List<Provenance.Artifact> describing(ArtifactStore.Ref encoder) {
        return List.of(new Provenance.Artifact("encoder", encoder.uri(), encoder.sha256()));
    }

    /** A frozen encoder's spec; a supervised one belongs to no-SSL campaigns only. */
    static EncoderSpec frozenEncoderOf(CampaignCreated campaign) {
        return frozenEncoderOf(campaign, campaign.getEncoderSpec());
    }

    private static EncoderSpec frozenEncoderOf(CampaignCreated campaign, String text) {
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
