package org.ssal.learning.ssl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.embed.EncoderSpec;

/**
 * SimSiam pretraining settings (Chen &amp; He, "Exploring Simple Siamese Representation Learning",
 * CVPR 2021). Paper values and why the CPU defaults differ:
 * <ul>
 * <li>{@code encoder}: "smallcnn" (default: 4 conv layers 32-64-128-256 with BN and ReLU, global
 *     average pool; fast on a CPU), "resnet18" or "resnet18:W" (width multiplier W, e.g. 0.25).
 *     Paper, CIFAR (§4.6 / appendix): "we use ResNet-18 as the backbone ... the first conv layer is
 *     3×3 with stride 1 and no max-pooling".</li>
 * <li>{@code projectorDim} = 512 (paper 2048: "The projection MLP ... has BN applied to each
 *     fully-connected layer, including its output fc ... The hidden fc is 2048-d"); smaller
 *     for CPU-sized encoders whose features are 256-d.</li>
 * <li>{@code predictorHiddenDim} = 128 (paper 512: "h's hidden layer's dimension is 512, making h
 *     a bottleneck structure"); we keep the paper's 4:1 bottleneck ratio.</li>
 * <li>{@code batchSize} = 128 (paper 512), lr = baseLr·batch/256 ("We use SGD ... with a learning
 *     rate of lr×BatchSize/256, with a base lr = 0.03 (CIFAR)"), cosine decay; {@code momentum} =
 *     0.9; {@code weightDecay} = 5e-4 ("The weight decay is 0.0005 ... SGD momentum is 0.9").
 *     {@code baseLr} = 0.6, 20× the paper's: the paper's value suits 800 epochs; in our 20-epoch
 *     CPU schedule the linear-probe accuracy on Fashion-MNIST rose with the base lr from 0.03
 *     (0.777) through 0.1, 0.3 to 0.6 (0.849), with 1.2 no better (docs/results.md §2).
 *     {@link #paperCifar()} keeps 0.03.</li>
 * <li>{@code epochs} = 20 (paper 800 on CIFAR; a CPU budget). A campaign that sets no epochs is
 *     scheduled by steps instead ({@link #DEFAULT_STEPS}, {@link #epochsForSteps}): 20 epochs of a
 *     5,000-image pool are 780 steps, while 20 epochs of a 1,400-image folder are only 220, and its
 *     features lost to raw pixels (docs/results.md §2, "schedule by steps").</li>
 * <li>{@code bnStatsImages} = 512: images whose batch statistics are averaged after training
 *     to become the inference BatchNorm statistics (SameDiff keeps no running averages).</li>
 * <li>{@code embedBatchSize} = 256: batch size of embedding extraction.</li>
 * <li>{@code minCropScale} = 0.2: the smallest area fraction of the random resized crop (paper
 *     0.2); on 28×28 grayscale a milder crop can suit better (see docs/results.md §2).</li>
 * </ul>
 */
public record SimSiamConfig(String encoder, int projectorDim, int predictorHiddenDim, int epochs,
                            int batchSize, double baseLr, double momentum, double weightDecay,
                            long seed, int bnStatsImages, int embedBatchSize, double minCropScale) {

    public SimSiamConfig {
        NetworkSpec.parse(encoder);
        requirePositive("projectorDim", projectorDim);
        requirePositive("predictorHiddenDim", predictorHiddenDim);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2 (batch norm needs two samples), got " + batchSize);
        }
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("baseLr must be > 0 and finite, got " + baseLr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite, got " + weightDecay);
        }
        requirePositive("bnStatsImages", bnStatsImages);
        requirePositive("embedBatchSize", embedBatchSize);
        if (!(minCropScale > 0 && minCropScale <= 1)) {
            throw new IllegalArgumentException("minCropScale must be in (0, 1], got " + minCropScale);
        }
    }

    /** The paper's crop: "RandomResizedCrop with scale in [0.2, 1.0]". */
    public static final double PAPER_MIN_CROP_SCALE = 0.2;

    /**
     * SGD steps of a campaign's pretraining when it sets no epochs: about the 20 epochs of a
     * 5,000-image pool at batch 128 that the probe study validated, whatever the pool size
     * (docs/results.md §2, "schedule by steps").
     */
    public static final int DEFAULT_STEPS = 800;

    /**
     * Epochs that give at least {@code steps} SGD steps on a pool of {@code poolSize} images: the
     * trainer takes {@code poolSize / min(batch, poolSize)} full batches per epoch.
     */
    public static int epochsForSteps(int steps, int poolSize, int batchSize) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be >= 2 (batch norm needs two samples), got " + poolSize);
        }
        int perEpoch = poolSize / Math.min(batchSize, poolSize);
        return (steps + perEpoch - 1) / perEpoch;
    }

    /** SGD steps of this recipe on a pool of {@code poolSize} images. */
    public long steps(int poolSize) {
        return (long) epochs * (poolSize / Math.min(batchSize, poolSize));
    }

    /** As the canonical constructor with the paper's crop scale. */
    public SimSiamConfig(String encoder, int projectorDim, int predictorHiddenDim, int epochs, int batchSize,
                         double baseLr, double momentum, double weightDecay, long seed, int bnStatsImages,
                         int embedBatchSize) {
        this(encoder, projectorDim, predictorHiddenDim, epochs, batchSize, baseLr, momentum, weightDecay, seed,
                bnStatsImages, embedBatchSize, PAPER_MIN_CROP_SCALE);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }

    /** The CPU defaults listed above. */
    public static SimSiamConfig defaults() {
        return new SimSiamConfig("smallcnn", 512, 128, 20, 128, 0.6, 0.9, 5e-4, 0L, 512, 256);
    }

    /**
     * The pretraining of a campaign's {@code simsiam:} or {@code random-init:} encoder: the CPU
     * defaults on the spec's network; the campaign's epochs when it sets them ({@code requestedEpochs
     * > 0}), else as many as give {@code defaultSteps} steps on its pool ({@link #epochsForSteps}),
     * none for {@code random-init}; and the seed of
     * the campaign's data rather than the campaign's own, so that a second campaign on the same data
     * reuses the first one's encoder (as in the paper, one self-supervised model serves every
     * active-learning run on a dataset).
     *
     * @throws IllegalArgumentException for another kind, or a network outside {@link NetworkSpec}
     */
    public static SimSiamConfig forCampaign(EncoderSpec spec, int requestedEpochs, int defaultSteps, int poolSize) {
        if (spec.kind() != EncoderSpec.Kind.SIMSIAM && spec.kind() != EncoderSpec.Kind.RANDOM_INIT) {
            throw new IllegalArgumentException("encoder spec '" + spec + "' is not pretrained with SimSiam");
        }
        SimSiamConfig base = defaults().withEncoder(spec.network()).withSeed(DatasetSpec.CAMPAIGN_DATA_SEED);
        int epochs = requestedEpochs > 0 || spec.kind() == EncoderSpec.Kind.RANDOM_INIT
                ? spec.epochs(requestedEpochs, 0)
                : epochsForSteps(defaultSteps, poolSize, base.batchSize());
        return base.withEpochs(epochs);
    }

    /** The paper's CIFAR setting: ResNet-18, 2048/512, batch 512, 800 epochs. */
    public static SimSiamConfig paperCifar() {
        return new SimSiamConfig("resnet18", 2048, 512, 800, 512, 0.03, 0.9, 5e-4, 0L, 512, 256);
    }

    public SimSiamConfig withMinCropScale(double value) {
        return new SimSiamConfig(encoder, projectorDim, predictorHiddenDim, epochs, batchSize, baseLr, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, value);
    }

    /** lr = baseLr · batch / 256 ("lr×BatchSize/256"). */
    public double learningRate() {
        return baseLr * batchSize / 256.0;
    }

    public SimSiamConfig withEncoder(String value) {
        return new SimSiamConfig(value, projectorDim, predictorHiddenDim, epochs, batchSize, baseLr, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, minCropScale);
    }

    public SimSiamConfig withEpochs(int value) {
        return new SimSiamConfig(encoder, projectorDim, predictorHiddenDim, value, batchSize, baseLr, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, minCropScale);
    }

    public SimSiamConfig withBatchSize(int value) {
        return new SimSiamConfig(encoder, projectorDim, predictorHiddenDim, epochs, value, baseLr, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, minCropScale);
    }

    public SimSiamConfig withDims(int projector, int predictorHidden) {
        return new SimSiamConfig(encoder, projector, predictorHidden, epochs, batchSize, baseLr, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, minCropScale);
    }

    public SimSiamConfig withSeed(long value) {
        return new SimSiamConfig(encoder, projectorDim, predictorHiddenDim, epochs, batchSize, baseLr, momentum,
                weightDecay, value, bnStatsImages, embedBatchSize, minCropScale);
    }

    public SimSiamConfig withBaseLr(double value) {
        return new SimSiamConfig(encoder, projectorDim, predictorHiddenDim, epochs, batchSize, value, momentum,
                weightDecay, seed, bnStatsImages, embedBatchSize, minCropScale);
    }

    /** A flat JSON object, one field per component, stable field order. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("encoder", encoder);
        fields.put("projectorDim", projectorDim);
        fields.put("predictorHiddenDim", predictorHiddenDim);
        fields.put("epochs", epochs);
        fields.put("batchSize", batchSize);
        fields.put("baseLr", baseLr);
        fields.put("momentum", momentum);
        fields.put("weightDecay", weightDecay);
        fields.put("seed", seed);
        fields.put("bnStatsImages", bnStatsImages);
        fields.put("embedBatchSize", embedBatchSize);
        fields.put("minCropScale", minCropScale);
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(k).append("\": ");
            out.append(v instanceof String s ? '"' + s + '"' : String.valueOf(v));
        });
        return out.append('}').toString();
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"[^\"]*\"|[-+0-9.eE]+)");

    /**
     * Reads {@link #toJson()}'s output; every field is required except {@code minCropScale}, which
     * models saved before it existed lack (they used the paper's 0.2).
     */
    public static SimSiamConfig fromJson(String json) {
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            String v = m.group(2);
            f.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return new SimSiamConfig(req(f, "encoder"), Integer.parseInt(req(f, "projectorDim")),
                Integer.parseInt(req(f, "predictorHiddenDim")), Integer.parseInt(req(f, "epochs")),
                Integer.parseInt(req(f, "batchSize")), Double.parseDouble(req(f, "baseLr")),
                Double.parseDouble(req(f, "momentum")), Double.parseDouble(req(f, "weightDecay")),
                Long.parseLong(req(f, "seed")), Integer.parseInt(req(f, "bnStatsImages")),
                Integer.parseInt(req(f, "embedBatchSize")),
                Double.parseDouble(f.getOrDefault("minCropScale", String.valueOf(PAPER_MIN_CROP_SCALE))));
    }

    private static String req(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("SimSiam config JSON lacks field " + name);
        }
        return v;
    }
}
