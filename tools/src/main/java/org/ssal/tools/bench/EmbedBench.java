package org.ssal.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.Progress;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.SimSiamModel;
import org.ssal.learning.ssl.SimSiamNetwork;
import org.ssal.learning.ssl.SimSiamTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Embedding extraction speed: images/s of the frozen encoder's forward pass (fixed BN
 * statistics) on batches of 500, ours against the same encoder in PyTorch
 * ({@code bench/simsiam_peer.py --mode embed}, inference mode, same threads). "ours graph" times
 * the SameDiff graph on a ready input array, as PyTorch is timed; "ours embed()" is the whole
 * {@link SimSiamModel#embed} call (its own batch size, {@code embedBatchSize} = 256; byte → normalized float conversion and copying the vectors out
 * included), on synthetic images of the same shape.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "images/s of the frozen encoder's forward pass, ours against the same encoder in PyTorch")
public final class EmbedBench implements Callable<Integer> {
    @Option(names = "--batch", description = "images per forward pass")
    int batch = 500;

    @Option(names = "--steps", description = "timed forward passes per round")
    int steps = 10;

    @Option(names = "--warmup", description = "untimed passes before each round")
    int warmup = 2;

    @Mixin
    PeerComparison comparison;

    @Override
    public Integer call() throws Exception {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        PyTorchPeer pytorch = comparison.peer();
        SimSiamConfig cfg = SimSiamConfig.defaults().withEpochs(0).withBatchSize(128);
        System.out.printf(Locale.ROOT, "Embedding bench: encoder=%s batch=%d steps=%d (+%d warm-up) rounds=%d; "
                        + "%d cores, ND4J threads %d, Java %s%n", cfg.encoder(), batch, steps, warmup, comparison.rounds,
                Runtime.getRuntime().availableProcessors(), threads, System.getProperty("java.version"));
        for (ImageShape s : comparison.shapes) {
            ImageSet images = Datasets.synthetic(cfg.seed(), Map.of("train", "" + batch * steps, "test", "0",
                    "channels", "" + s.channels(), "size", "" + s.height())).train();
            // epochs 0: a random-init encoder with calibrated BN statistics; its speed is a trained one's
            SimSiamModel model = SimSiamTrainer.train(images, cfg.withBatchSize(Math.min(128, images.size())),
                    Progress.NONE);
            SameDiff graph = model.graph();
            Nd4j.getRandom().setSeed(cfg.seed());
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, s.channels(), s.height(), s.width());
            comparison.compare(s, List.of(
                            new PeerComparison.Ours("graph", () -> graphRate(graph, x, steps, warmup)),
                            new PeerComparison.Ours("embed()", () -> embedRate(model, images))),
                    pytorch, (peer, shape) -> peer.imagesPerSecond("embed", batch, shape.channels(), shape.height(),
                            shape.width(), steps, warmup, threads));
        }
        return 0;
    }

    private static double graphRate(SameDiff graph, INDArray x, int steps, int warmup) {
        for (int i = 0; i < warmup; i++) {
            graph.output(Map.of(SimSiamNetwork.INPUT, x), SimSiamNetwork.EMBEDDING);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            graph.output(Map.of(SimSiamNetwork.INPUT, x), SimSiamNetwork.EMBEDDING);
        }
        return steps * x.size(0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static double embedRate(SimSiamModel model, ImageSet images) {
        long t0 = System.nanoTime();
        int n = model.embed(images, Progress.NONE).size();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
