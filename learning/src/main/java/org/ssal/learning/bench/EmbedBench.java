package org.ssal.learning.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * Embedding extraction speed: images/s of the frozen encoder's forward pass (fixed BN
 * statistics) on batches of 500, ours against the same encoder in PyTorch
 * ({@code bench/simsiam_peer.py --mode embed}, inference mode, same threads). "ours graph" times
 * the SameDiff graph on a ready input array, as PyTorch is timed; "ours embed()" is the whole
 * {@link SimSiamModel#embed} call (its own batch size, {@code embedBatchSize} = 256; byte → normalized float conversion and copying the vectors out
 * included), on synthetic images of the same shape.
 *
 * <p>Usage: {@code EmbedBench [--shapes 3x32x32,1x28x28] [--batch 500] [--steps 10] [--warmup 2]
 * [--rounds 2] [--python /usr/bin/python3] [--peer bench/simsiam_peer.py] [--no-peer]}.
 */
public final class EmbedBench {
    private EmbedBench() { }

    public static void main(String[] args) throws Exception {
        List<int[]> shapes = List.of(new int[] {3, 32, 32}, new int[] {1, 28, 28});
        int batch = 500;
        int steps = 10;
        int warmup = 2;
        int rounds = 2;
        String python = PyTorchPeer.DEFAULT_PYTHON;
        String script = PyTorchPeer.DEFAULT_SCRIPT;
        boolean peer = true;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--shapes" -> shapes = SimSiamBench.parseShapes(args[++a]);
                case "--batch" -> batch = Integer.parseInt(args[++a]);
                case "--steps" -> steps = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--python" -> python = args[++a];
                case "--peer" -> script = args[++a];
                case "--no-peer" -> peer = false;
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        PyTorchPeer pytorch = new PyTorchPeer(python, script);
        if (peer && !pytorch.available()) {
            System.out.println("pytorch peer unavailable (" + python + " " + script + "): ours only");
            peer = false;
        }
        SimSiamConfig cfg = SimSiamConfig.defaults().withEpochs(0).withBatchSize(128);
        System.out.printf(Locale.ROOT, "Embedding bench: encoder=%s batch=%d steps=%d (+%d warm-up) rounds=%d; "
                        + "%d cores, ND4J threads %d, Java %s%n", cfg.encoder(), batch, steps, warmup, rounds,
                Runtime.getRuntime().availableProcessors(), threads, System.getProperty("java.version"));
        for (int[] s : shapes) {
            String shape = s[0] + "x" + s[1] + "x" + s[2];
            ImageSet images = Datasets.synthetic(cfg.seed(), Map.of("train", "" + batch * steps, "test", "0", "channels", "" + s[0],
                    "size", "" + s[1])).train();
            // epochs 0: a random-init encoder with calibrated BN statistics; its speed is a trained one's
            SimSiamModel model = SimSiamTrainer.train(images, cfg.withBatchSize(Math.min(128, images.size())),
                    Progress.NONE);
            SameDiff graph = model.graph();
            Nd4j.getRandom().setSeed(cfg.seed());
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, s[0], s[1], s[2]);
            double bestOurs = 0;
            double bestTheirs = 0;
            for (int r = 1; r <= rounds; r++) {
                String load = PyTorchPeer.loadAverage();
                double ours = graphRate(graph, x, steps, warmup);
                double whole = embedRate(model, images);
                double theirs = peer ? pytorch.imagesPerSecond("embed", batch, s[0], s[1], s[2], steps, warmup, threads)
                        : Double.NaN;
                bestOurs = Math.max(bestOurs, ours);
                bestTheirs = Math.max(bestTheirs, theirs);
                System.out.printf(Locale.ROOT, "%-8s round %d  ours graph %7.1f img/s  ours embed() %7.1f img/s  "
                                + "pytorch %7.1f img/s  graph/pytorch %5.2f  (load before: %s, after: %s)%n", shape, r,
                        ours, whole, theirs, ours / theirs, load, PyTorchPeer.loadAverage());
            }
            // other processes only ever slow a run down, so the best round is the least disturbed one
            System.out.printf(Locale.ROOT, "%-8s best of %d  ours graph %7.1f img/s  pytorch %7.1f img/s  graph/pytorch %5.2f%n",
                    shape, rounds, bestOurs, bestTheirs, bestOurs / bestTheirs);
        }
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
