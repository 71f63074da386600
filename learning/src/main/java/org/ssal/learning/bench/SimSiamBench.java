package org.ssal.learning.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.ssl.OpTimer;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.MomentumSgd;
import org.ssal.learning.ssl.SimSiamNetwork;
import org.ssal.learning.ssl.SimSiamTrainer;

/**
 * SimSiam training speed: images/s of one optimisation step (two views forward, backward, SGD
 * update) of our SameDiff graph against the identical network in PyTorch
 * ({@code bench/simsiam_peer.py}), same batch, image size and thread count, on random inputs so
 * that augmentation is not timed on either side. Rounds alternate ours and PyTorch so that a
 * change in machine load hits both; each round prints the load average. After the rounds, a
 * profile of a few steps per op type ({@link OpTimer}).
 *
 * <p>Usage: {@code SimSiamBench [--shapes 3x32x32,1x28x28] [--batch 128] [--steps 20]
 * [--warmup 3] [--rounds 2] [--profile-steps 5] [--python /usr/bin/python3]
 * [--peer bench/simsiam_peer.py] [--no-peer]}.
 */
public final class SimSiamBench {
    private SimSiamBench() { }

    public static void main(String[] args) throws Exception {
        List<int[]> shapes = List.of(new int[] {3, 32, 32}, new int[] {1, 28, 28});
        int batch = 128;
        int steps = 20;
        int warmup = 3;
        int rounds = 2;
        int profileSteps = 5;
        String python = PyTorchPeer.DEFAULT_PYTHON;
        String script = PyTorchPeer.DEFAULT_SCRIPT;
        boolean peer = true;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--shapes" -> shapes = parseShapes(args[++a]);
                case "--batch" -> batch = Integer.parseInt(args[++a]);
                case "--steps" -> steps = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--profile-steps" -> profileSteps = Integer.parseInt(args[++a]);
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
        SimSiamConfig cfg = SimSiamConfig.defaults().withBatchSize(batch);
        System.out.printf(Locale.ROOT, "SimSiam training bench: encoder=%s projector=%d predictor-hidden=%d batch=%d "
                        + "steps=%d (+%d warm-up) rounds=%d; %d cores, ND4J threads %d, Java %s%n",
                cfg.encoder(), cfg.projectorDim(), cfg.predictorHiddenDim(), batch, steps, warmup, rounds,
                Runtime.getRuntime().availableProcessors(), threads, System.getProperty("java.version"));
        for (int[] s : shapes) {
            Step step = new Step(cfg, batch, s[0], s[1], s[2]);
            String shape = s[0] + "x" + s[1] + "x" + s[2];
            double bestOurs = 0;
            double bestTheirs = 0;
            for (int r = 1; r <= rounds; r++) {
                String load = PyTorchPeer.loadAverage();
                double ours = step.imagesPerSecond(steps, warmup);
                double theirs = peer ? pytorch.imagesPerSecond("train", batch, s[0], s[1], s[2], steps, warmup, threads)
                        : Double.NaN;
                bestOurs = Math.max(bestOurs, ours);
                bestTheirs = Math.max(bestTheirs, theirs);
                System.out.printf(Locale.ROOT, "%-8s round %d  ours %7.1f img/s  pytorch %7.1f img/s  ours/pytorch %5.2f  "
                        + "(load before: %s, after: %s)%n", shape, r, ours, theirs, ours / theirs, load,
                        PyTorchPeer.loadAverage());
            }
            // other processes only ever slow a run down, so the best round is the least disturbed one
            System.out.printf(Locale.ROOT, "%-8s best of %d  ours %7.1f img/s  pytorch %7.1f img/s  ours/pytorch %5.2f%n",
                    shape, rounds, bestOurs, bestTheirs, bestOurs / bestTheirs);
            if (profileSteps > 0) {
                System.out.printf(Locale.ROOT, "%s: time per op type over %d steps (listener overhead included)%n%s",
                        shape, profileSteps, step.profile(profileSteps, 12));
            }
        }
    }

    /** One training step of the SimSiam graph on fixed random views, as SimSiamTrainer runs it. */
    static final class Step {
        private final SimSiamConfig cfg;
        private final SameDiff sd;
        private final Map<String, INDArray> feeds;
        private final MomentumSgd sgd;
        private final List<String> params;

        Step(SimSiamConfig cfg, int batch, int c, int h, int w) {
            this.cfg = cfg;
            this.sd = SimSiamNetwork.training(cfg, c, h, w).graph();
            this.sgd = new MomentumSgd(sd, cfg.momentum(), cfg.weightDecay());
            this.params = sgd.params();
            Nd4j.getRandom().setSeed(cfg.seed());
            feeds = Map.of(SimSiamNetwork.VIEW1, Nd4j.randn(DataType.FLOAT, batch, c, h, w),
                    SimSiamNetwork.VIEW2, Nd4j.randn(DataType.FLOAT, batch, c, h, w));
        }

        double run() {
            var result = sd.calculateGradientsAndOutputs(feeds, List.of(SimSiamNetwork.LOSS), params);
            sgd.step(result.getGradients(), cfg.learningRate());
            return result.getOutputs().get(SimSiamNetwork.LOSS).getDouble(0);
        }

        double imagesPerSecond(int steps, int warmup) {
            for (int i = 0; i < warmup; i++) {
                run();
            }
            long t0 = System.nanoTime();
            double loss = 0;
            for (int i = 0; i < steps; i++) {
                loss = run();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("loss is " + loss);
            }
            return steps * feeds.get(SimSiamNetwork.VIEW1).size(0) / seconds;
        }

        String profile(int steps, int top) {
            OpTimer timer = new OpTimer();
            sd.addListeners(timer);
            try {
                for (int i = 0; i < steps; i++) {
                    run();
                }
            } finally {
                sd.getListeners().remove(timer);
            }
            return timer.table(top);
        }
    }

    static List<int[]> parseShapes(String value) {
        List<int[]> out = new ArrayList<>();
        for (String s : value.split(",")) {
            String[] p = s.trim().split("x");
            if (p.length != 3) {
                throw new IllegalArgumentException("shape must be CxHxW, got " + s);
            }
            out.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])});
        }
        return out;
    }
}
