package org.ssal.learning.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.ImageTensors;
import org.ssal.learning.augment.Normalize;
import org.ssal.learning.augment.SimSiamAugmentation;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.seed.SeedDerivation;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.MomentumSgd;
import org.ssal.learning.ssl.SimSiamNetwork;
import org.ssal.learning.ssl.SimSiamTrainer;
import org.ssal.learning.ssl.StepMemory;

/**
 * Trains the "AL without SSL" baseline of Bengar et al. 2021 (DESIGN §1.4: "the encoder is trained
 * supervised from scratch on the labeled set every round"): a freshly initialised encoder from
 * {@link SimSiamNetwork} (same family, same initialisation, same trainable batch norm as the SimSiam
 * arm) followed by one linear layer, logits = f(x)·W + b, trained on the mean softmax
 * cross-entropy −(1/B)·Σ_i log softmax(logits_i)[y_i].
 * <p>Optimizer and schedule are the SimSiam arm's ({@link MomentumSgd}: heavy-ball
 * momentum, L2 weight decay on every parameter; per-epoch cosine decay). Each step sees one
 * augmented view per image ({@link TrainingAugmentation}); the last incomplete batch of an epoch
 * is dropped so that every batch-norm batch has the full size.
 * <p>Deterministic given {@link SupervisedConfig#seed()}: encoder weights come from
 * {@code Random(seed)} as in SimSiam, the classifier layer from its own stream, and every epoch's
 * batch order and every view from a {@link SplittableRandom} seeded with it.
 * <p>After training, inference batch-norm statistics are the averaged batch statistics of the
 * labeled images ({@link SimSiamTrainer#calibrate}), so the model's outputs for an image do not
 * depend on the batch it comes in.
 */
public final class SupervisedTrainer {
    static final String LABELS = "labels";
    static final String LOGITS = "logits";
    static final String LOSS = "loss";
    static final String WEIGHTS = "cls.W";
    static final String BIAS = "cls.b";
    /** Key that separates the classifier layer's initialisation stream from the encoder's. */
    private static final long CLASSIFIER_STREAM = 0x636C73L;

    private SupervisedTrainer() { }

    /** Per-epoch numbers: mean loss and accuracy on the augmented training batches, lr, speed. */
    public record EpochStats(int epoch, double loss, double trainAccuracy, double learningRate,
                             double imagesPerSecond) { }

    public static SupervisedModel train(ImageSet labeledImages, int numClasses, SupervisedConfig cfg,
                                        Progress progress) {
        return train(labeledImages, numClasses, cfg, progress, new ArrayList<>());
    }

    /** As {@link #train(ImageSet, int, SupervisedConfig, Progress)}, appending each epoch to {@code history}. */
    public static SupervisedModel train(ImageSet labeledImages, int numClasses, SupervisedConfig cfg,
                                        Progress progress, List<EpochStats> history) {
        if (labeledImages.size() < 2) {
            throw new IllegalArgumentException("labeledImages must hold at least 2 images (batch norm), got "
                    + labeledImages.size());
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        for (int i = 0; i < labeledImages.size(); i++) {
            if (labeledImages.label(i) >= numClasses) {
                throw new IllegalArgumentException("label of " + labeledImages.id(i) + " is " + labeledImages.label(i)
                        + ", outside [0, numClasses=" + numClasses + ")");
            }
        }
        long start = System.nanoTime();
        int c = labeledImages.channels();
        int h = labeledImages.height();
        int w = labeledImages.width();
        SimSiamConfig encoderCfg = cfg.encoderConfig();
        // the calibration graph is the encoder with batch statistics: exactly the training-mode encoder
        SimSiamNetwork net = SimSiamNetwork.calibration(encoderCfg, c, h, w);
        SameDiff sd = net.graph();
        addClassifier(sd, net.featureDim(), numClasses, cfg.seed());
        Normalize normalize = ImageTensors.channelStats(labeledImages, 5000);
        SimSiamAugmentation aug = cfg.augmentation().pipeline(normalize, h, w);
        fit(sd, labeledImages, numClasses, cfg, aug, progress, history);

        Map<String, INDArray> bnStats = SimSiamTrainer.calibrate(sd, encoderCfg, labeledImages, normalize);
        SimSiamNetwork infer = SimSiamNetwork.inference(encoderCfg, c, h, w, bnStats);
        infer.copyWeightsFrom(sd);
        SoftmaxLayer layer = new SoftmaxLayer(sd.getVariable(WEIGHTS).getArr().toDoubleMatrix(),
                sd.getVariable(BIAS).getArr().toDoubleVector());
        SupervisedModel model = new SupervisedModel(infer.graph(), cfg, c, h, w, normalize, infer.featureDim(), layer,
                history, labeledImages.size(), (System.nanoTime() - start) / 1e9);
        progress.report("supervised-done", cfg.epochs(), cfg.epochs(), "model=" + model.describe());
        return model;
    }

    /** Appends logits = features·W + b and the mean cross-entropy loss to the encoder graph. */
    static void addClassifier(SameDiff sd, int dim, int numClasses, long seed) {
        // PyTorch nn.Linear's default initialisation: U(−1/√dim, 1/√dim)
        Random init = new Random(SeedDerivation.derive(seed, CLASSIFIER_STREAM));
        float[] values = new float[dim * numClasses];
        double scale = 1.0 / Math.sqrt(dim);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * (2 * init.nextDouble() - 1));
        }
        SDVariable weights = sd.var(WEIGHTS, Nd4j.create(values, new long[] {dim, numClasses}, 'c'));
        SDVariable bias = sd.var(BIAS, Nd4j.zeros(DataType.FLOAT, numClasses));
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, numClasses);
        SDVariable logits = sd.identity(LOGITS, sd.getVariable(SimSiamNetwork.EMBEDDING).mmul(weights).add(bias));
        // log-softmax from primitives: M2.1's LogSoftMax op with an axis cannot be copied into the
        // gradient graph (its axis property fails to deserialize). The max is only a shift for
        // numerical range, so it sits behind a stop-gradient; the logsumexp gradient is exact anyway.
        SDVariable shifted = logits.sub(new StopGradient(sd, sd.max(logits, true, 1)).outputVariable());
        SDVariable logProbabilities = shifted.sub(sd.math().log(sd.sum(sd.math().exp(shifted), true, 1)));
        sd.identity(LOSS, sd.mean(logProbabilities.mul(labels).sum(1)).neg());
        sd.setLossVariables(LOSS);
    }

    private static void fit(SameDiff sd, ImageSet labeled, int numClasses, SupervisedConfig cfg,
                            SimSiamAugmentation aug, Progress progress, List<EpochStats> history) {
        int n = labeled.size();
        int batch = Math.min(cfg.batchSize(), n);
        int steps = n / batch;
        MomentumSgd sgd = new MomentumSgd(sd, cfg.momentum(), cfg.weightDecay());
        List<String> params = sgd.params();
        SplittableRandom runRandom = new SplittableRandom(cfg.seed());
        StepMemory memory = StepMemory.forTraining(sd);
        try {
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                double lr = MomentumSgd.cosineLearningRate(cfg.learningRate(), epoch, cfg.epochs());
                int[] order = SimSiamTrainer.permutation(n, runRandom.split());
                long epochSeed = runRandom.nextLong();
                long t0 = System.nanoTime();
                double lossSum = 0;
                int correct = 0;
                for (int step = 0; step < steps; step++) {
                    int[] indices = java.util.Arrays.copyOfRange(order, step * batch, (step + 1) * batch);
                    INDArray x = aug.oneView(labeled, indices, SeedDerivation.derive(epochSeed, step));
                    memory.nextStep();
                    var result = sd.calculateGradientsAndOutputs(
                            Map.of(SimSiamNetwork.INPUT, x, LABELS, oneHot(labeled, indices, numClasses)),
                            List.of(LOSS, LOGITS), params);
                    lossSum += result.getOutputs().get(LOSS).getDouble(0);
                    correct += countCorrect(result.getOutputs().get(LOGITS), labeled, indices);
                    sgd.step(result.getGradients(), lr);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochStats stats = new EpochStats(epoch + 1, lossSum / steps, correct / (double) (steps * batch), lr,
                        steps * batch / seconds);
                history.add(stats);
                progress.report("supervised-epoch", epoch + 1, cfg.epochs(), String.format(Locale.ROOT,
                        "loss=%.4f train-acc=%.3f lr=%.4f img/s=%.1f", stats.loss(), stats.trainAccuracy(), lr,
                        stats.imagesPerSecond()));
            }
        } finally {
            memory.close();
        }
    }

    static INDArray oneHot(ImageSet images, int[] indices, int numClasses) {
        float[] y = new float[indices.length * numClasses];
        for (int b = 0; b < indices.length; b++) {
            y[b * numClasses + images.label(indices[b])] = 1f;
        }
        return Nd4j.create(y, new long[] {indices.length, numClasses}, 'c');
    }

    private static int countCorrect(INDArray logits, ImageSet images, int[] indices) {
        INDArray predicted = logits.argMax(1);
        int correct = 0;
        for (int b = 0; b < indices.length; b++) {
            if (predicted.getInt(b) == images.label(indices[b])) {
                correct++;
            }
        }
        return correct;
    }
}
