package org.ssal.trainer;

import java.util.Map;
import org.ssal.events.CampaignCreated;
import org.ssal.learning.Progress;
import org.ssal.learning.baseline.SupervisedConfig;
import org.ssal.learning.baseline.SupervisedModel;
import org.ssal.learning.baseline.SupervisedTrainer;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Encoder;
import org.ssal.service.RejectedEventException;

/**
 * The paper's baseline without self-supervision: each round the encoder is trained from scratch,
 * supervised, on all labels so far; its penultimate features then serve the head and the strategy.
 * A campaign with ssl=false names it {@code supervised:<encoder>} (default smallcnn); the epochs
 * are the campaign's pretrainEpochs, or the trainer's default.
 */
final class BaselineRounds {
    /** An encoder trained on one round's labels. */
    record Trained(Encoder encoder, String encoderId) {
    }

    private final int defaultEpochs;

    BaselineRounds(int defaultEpochs) {
        this.defaultEpochs = defaultEpochs;
    }

    static String encoderOf(CampaignCreated campaign) {
        String spec = campaign.getEncoderSpec();
        return spec.startsWith("supervised:") ? spec.substring("supervised:".length()) : "smallcnn";
    }

    Trained train(CampaignCreated campaign, int round, ImageSet pool, Map<String, Integer> labels, Progress progress) {
        int epochs = campaign.getPretrainEpochs() > 0 ? campaign.getPretrainEpochs() : defaultEpochs;
        SupervisedConfig config;
        try {
            config = SupervisedConfig.defaults().withEncoder(encoderOf(campaign)).withEpochs(epochs)
                    .withBatchSize(Math.max(2, Math.min(64, labels.size() / 2)))
                    .withSeed(campaign.getSeed() * 1_000_003L + round);
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("campaign " + campaign.getCampaignId() + " baseline: " + e.getMessage());
        }
        ImageSet labeled = EmbeddingJob.labeledSubset(pool, labels);
        int[] y = labels.values().stream().mapToInt(Integer::intValue).toArray();
        ImageSet relabeled = new ImageSet(labeled.name(), labeled.channels(), labeled.height(), labeled.width(),
                labeled.classNames(), labeled.ids().toArray(String[]::new), y, imagesOf(labeled));
        SupervisedModel model = SupervisedTrainer.train(relabeled, pool.numClasses(), config, progress);
        return new Trained(model, "supervised-" + campaign.getCampaignId() + "-r" + round);
    }

    /** The oracle's labels may differ from the dataset's (noisy annotators): train on what was bought. */
    private static byte[][] imagesOf(ImageSet set) {
        byte[][] images = new byte[set.size()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = set.image(i);
        }
        return images;
    }
}
