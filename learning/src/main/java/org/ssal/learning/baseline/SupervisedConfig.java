package org.ssal.learning.baseline;

import org.ssal.learning.ssl.NetworkSpec;
import org.ssal.learning.ssl.SimSiamConfig;

/**
 * Settings of the supervised-from-scratch baseline (Bengar et al. 2021, the "AL without SSL"
 * arm; DESIGN §1.4). The optimizer follows the SimSiam setup of the same paper so that the two
 * arms differ only in how the encoder is trained ("SGD ... momentum 0.9, weight decay 5e-4 ...
 * cosine decay", DESIGN §1.1):
 * <ul>
 * <li>{@code encoder}: the same family as the SimSiam encoder — "smallcnn" (default),
 *     "resnet18", "resnet18:W" ({@link NetworkSpec}).</li>
 * <li>{@code epochs} = 30: passes over the labeled set per round (a CPU budget; supervised AL
 *     papers train ~200 epochs on CIFAR).</li>
 * <li>{@code batchSize} = 64: smaller than SimSiam's 128 because a round may have only a few
 *     hundred labels, and each step needs a full batch (the last partial batch of an epoch is
 *     dropped, as in {@link org.ssal.learning.ssl.SimSiamTrainer}, so every batch-norm batch has
 *     the same size). Sets smaller than the batch train on one batch of all their images.</li>
 * <li>{@code learningRate} = 0.05, decayed per epoch by ½(1 + cos(π·epoch/epochs)); not scaled with
 *     the batch size.</li>
 * <li>{@code momentum} = 0.9 and {@code weightDecay} = 5e-4 (heavy-ball SGD with L2 added to the
 *     gradient, torch.optim.SGD's rule, applied to every parameter).</li>
 * <li>{@code augmentation} = {@link TrainingAugmentation#CROP_FLIP} (its Javadoc gives the reason).</li>
 * <li>{@code seed} = 0: weights, batch order and augmentation all derive from it.</li>
 * <li>{@code bnStatsImages} = 512: labeled images whose batch-norm batch statistics are averaged
 *     after training to become the inference statistics (SameDiff keeps no running averages).</li>
 * <li>{@code embedBatchSize} = 256: batch size of embedding extraction.</li>
 * </ul>
 */
public record SupervisedConfig(String encoder, int epochs, int batchSize, double learningRate, double momentum,
                               double weightDecay, TrainingAugmentation augmentation, long seed, int bnStatsImages,
                               int embedBatchSize) {

    public SupervisedConfig {
        if (encoder == null) {
            throw new IllegalArgumentException("encoder must not be null");
        }
        try {
            NetworkSpec.parse(encoder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoder: " + e.getMessage(), e);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2 (batch norm needs two samples), got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite, got " + weightDecay);
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must not be null");
        }
        if (bnStatsImages < 1) {
            throw new IllegalArgumentException("bnStatsImages must be > 0, got " + bnStatsImages);
        }
        if (embedBatchSize < 1) {
            throw new IllegalArgumentException("embedBatchSize must be > 0, got " + embedBatchSize);
        }
    }

    /** The defaults listed above. */
    public static SupervisedConfig defaults() {
        return new SupervisedConfig("smallcnn", 30, 64, 0.05, 0.9, 5e-4, TrainingAugmentation.CROP_FLIP, 0L, 512, 256);
    }

    public SupervisedConfig withEncoder(String value) {
        return new SupervisedConfig(value, epochs, batchSize, learningRate, momentum, weightDecay, augmentation, seed,
                bnStatsImages, embedBatchSize);
    }

    public SupervisedConfig withEpochs(int value) {
        return new SupervisedConfig(encoder, value, batchSize, learningRate, momentum, weightDecay, augmentation, seed,
                bnStatsImages, embedBatchSize);
    }

    public SupervisedConfig withBatchSize(int value) {
        return new SupervisedConfig(encoder, epochs, value, learningRate, momentum, weightDecay, augmentation, seed,
                bnStatsImages, embedBatchSize);
    }

    public SupervisedConfig withLearningRate(double value) {
        return new SupervisedConfig(encoder, epochs, batchSize, value, momentum, weightDecay, augmentation, seed,
                bnStatsImages, embedBatchSize);
    }

    public SupervisedConfig withAugmentation(TrainingAugmentation value) {
        return new SupervisedConfig(encoder, epochs, batchSize, learningRate, momentum, weightDecay,
                value, seed, bnStatsImages, embedBatchSize);
    }

    public SupervisedConfig withSeed(long value) {
        return new SupervisedConfig(encoder, epochs, batchSize, learningRate, momentum, weightDecay, augmentation, value,
                bnStatsImages, embedBatchSize);
    }

    /**
     * The SimSiam settings whose encoder graph this baseline reuses: only the encoder, seed,
     * batch size and statistics sizes matter; projector/predictor sizes and the SimSiam lr are
     * placeholders that no supervised graph reads.
     */
    SimSiamConfig encoderConfig() {
        return new SimSiamConfig(encoder, 2, 1, epochs, batchSize, learningRate, momentum, weightDecay, seed,
                bnStatsImages, embedBatchSize);
    }
}
