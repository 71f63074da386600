package org.ssal.learning.baseline;

import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.EncoderSpec;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

/**
 * How the no-SSL baseline ("AL without SSL", Bengar et al. 2021) trains its encoder after round
 * r: from scratch, supervised, on every label bought so far; its penultimate features then serve
 * the head and the strategy of round r + 1.
 *
 * @param config the training settings of this round
 */
public record BaselineRecipe(SupervisedConfig config) {
    /** Batches never exceed this many images: the {@link SupervisedConfig} default. */
    static final int MAX_BATCH_SIZE = 64;

    /**
     * The recipe of round {@code round}: the spec's network, the campaign's epochs or
     * {@code defaultEpochs} ({@link EncoderSpec#epochs}), a batch of {@code max(2, min(64, labels/2))}
     * images, and the campaign's {@link Purpose#BASELINE_TRAINING} seed of that round.
     * <p>Half the labels per batch so that even round 0's few labels give two steps per epoch, and
     * at least two because batch norm needs two samples.
     *
     * @throws IllegalArgumentException for a spec that is not supervised, or a bad network
     */
    public static BaselineRecipe forRound(EncoderSpec spec, int requestedEpochs, int defaultEpochs, int labelCount,
                                          long campaignSeed, int round) {
        if (spec.kind() != EncoderSpec.Kind.SUPERVISED) {
            throw new IllegalArgumentException("encoder spec '" + spec + "' is not a supervised baseline");
        }
        return new BaselineRecipe(SupervisedConfig.defaults().withEncoder(spec.network())
                .withEpochs(spec.epochs(requestedEpochs, defaultEpochs))
                .withBatchSize(Math.max(2, Math.min(MAX_BATCH_SIZE, labelCount / 2)))
                .withSeed(CampaignSeeds.of(campaignSeed).seed(Purpose.BASELINE_TRAINING, round)));
    }

    /**
     * Trains the encoder on {@code labeled} (as {@link ImageSet#withLabels} gives it: the labels the
     * oracle gave, which may differ from the dataset's).
     */
    public SupervisedModel train(ImageSet labeled, int numClasses, Progress progress) {
        return SupervisedTrainer.train(labeled, numClasses, config, progress);
    }
}
