package org.ssal.learning.baseline;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.Normalize;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.Encoder;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.ssl.GraphEmbedding;
import org.ssal.learning.ssl.SimSiamNetwork;

/**
 * A network trained supervised from scratch by {@link SupervisedTrainer}, frozen: batch norm
 * uses fixed (calibrated) statistics, so outputs do not depend on batch composition.
 * <ul>
 * <li>As an {@link Encoder}, it gives the penultimate features (the encoder's global-average-pooled
 *     output, the input of the softmax layer) — what KCenterGreedy/CoreSet and VAAL work on.</li>
 * <li>{@link #head()} is the trained softmax layer as a {@link TrainedHead} on those features, and
 *     {@link #probabilities(ImageSet)} is that head applied to {@link #embed}: Entropy and margin
 *     strategies see exactly the network's class probabilities.</li>
 * </ul>
 */
public final class SupervisedModel implements Encoder {
    private final SameDiff graph;
    private final SupervisedConfig config;
    private final int channels;
    private final int height;
    private final int width;
    private final Normalize normalize;
    private final int dim;
    private final SoftmaxLayer head;
    private final List<SupervisedTrainer.EpochStats> history;
    private final int trainedOn;
    private final double trainingSeconds;

    SupervisedModel(SameDiff graph, SupervisedConfig config, int channels, int height, int width, Normalize normalize,
                    int dim, SoftmaxLayer head, List<SupervisedTrainer.EpochStats> history, int trainedOn,
                    double trainingSeconds) {
        this.graph = graph;
        this.config = config;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalize = normalize;
        this.dim = dim;
        this.head = head;
        this.history = List.copyOf(history);
        this.trainedOn = trainedOn;
        this.trainingSeconds = trainingSeconds;
    }

    public SupervisedConfig config() { return config; }
    /** Per-epoch training numbers. */
    public List<SupervisedTrainer.EpochStats> history() { return history; }
    /** Number of labeled images it was trained on. */
    public int trainedOn() { return trainedOn; }
    /** Wall-clock seconds of training, calibration included. */
    public double trainingSeconds() { return trainingSeconds; }
    public Normalize normalization() { return normalize; }
    public int numClasses() { return head.numClasses(); }

    /** The trained softmax layer, a head on this model's {@link #embed embeddings}. */
    public TrainedHead head() { return head; }

    @Override
    public String describe() {
        return "supervised:" + config.encoder();
    }

    @Override
    public int dim() { return dim; }

    @Override
    public Embeddings embed(ImageSet images, Progress progress) {
        return GraphEmbedding.embed(graph, normalize, new int[] {channels, height, width}, dim,
                config.embedBatchSize(), images, describe(), progress);
    }

    /** Class probabilities of each image, rows sum to 1, in the order of {@code images}. */
    public double[][] probabilities(ImageSet images) {
        return head.probabilities(features(images));
    }

    /** Arg-max class of each image (ties to the lower index). */
    public int[] predict(ImageSet images) {
        return head.predict(features(images));
    }

    private float[][] features(ImageSet images) {
        Embeddings e = embed(images, Progress.NONE);
        float[][] x = new float[e.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = e.vector(i);
        }
        return x;
    }

    @Override
    public String toString() {
        return "SupervisedModel(" + config + ", trainedOn=" + trainedOn + ")";
    }
}
