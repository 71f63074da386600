package org.ssal.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.ssl.MomentumSgd;
import org.ssal.learning.ssl.OpTimer;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.SimSiamNetwork;
import org.ssal.learning.ssl.SimSiamTrainer;
import org.ssal.learning.ssl.StepMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * SimSiam training speed: images/s of one optimisation step (two views forward, backward, SGD
 * update) of our SameDiff graph against the identical network in PyTorch
 * ({@code bench/simsiam_peer.py}), same batch, image size and thread count, on random inputs so
 * that augmentation is not timed on either side. Rounds alternate ours and PyTorch so that a
 * change in machine load hits both; each round prints the load average. After the rounds, a
 * profile of a few steps per op type ({@link OpTimer}).
 *
 */
@Command(name = "simsiam", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "images/s of one SimSiam training step, ours against the same network in PyTorch")
public final class SimSiamBench implements Callable<Integer> {
    @Option(names = "--batch", description = "images per step")
    int batch = 128;

    @Option(names = "--steps", description = "timed steps per round")
    int steps = 20;

    @Option(names = "--warmup", description = "untimed steps before each round")
    int warmup = 3;

    @Option(names = "--profile-steps", description = "steps profiled per op type after the rounds (0 = none)")
    int profileSteps = 5;

    @Option(names = "--compare-nd4j-memory", description = "also time the step with ND4J's own session memory "
            + "(its ArrayCacheMemoryMgr) instead of StepMemory, in the same rounds")
    boolean compareNd4jMemory;

    @Mixin
    PeerComparison comparison;

    @Override
    public Integer call() throws Exception {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        PyTorchPeer pytorch = comparison.peer();
        SimSiamConfig cfg = SimSiamConfig.defaults().withBatchSize(batch);
        System.out.printf(Locale.ROOT, "SimSiam training bench: encoder=%s projector=%d predictor-hidden=%d batch=%d "
                        + "steps=%d (+%d warm-up) rounds=%d; %d cores, ND4J threads %d, Java %s%n",
                cfg.encoder(), cfg.projectorDim(), cfg.predictorHiddenDim(), batch, steps, warmup, comparison.rounds,
                Runtime.getRuntime().availableProcessors(), threads, System.getProperty("java.version"));
        for (ImageShape s : comparison.shapes) {
            Step step = new Step(cfg, batch, s.channels(), s.height(), s.width(), true);
            List<PeerComparison.Ours> ours = new java.util.ArrayList<>();
            ours.add(new PeerComparison.Ours("ours", () -> step.imagesPerSecond(steps, warmup)));
            if (compareNd4jMemory) {
                Step plain = new Step(cfg, batch, s.channels(), s.height(), s.width(), false);
                ours.add(new PeerComparison.Ours("ours-nd4j-memory", () -> plain.imagesPerSecond(steps, warmup)));
            }
            comparison.compare(s, ours,
                    pytorch, (peer, shape) -> peer.imagesPerSecond("train", batch, shape.channels(), shape.height(),
                            shape.width(), steps, warmup, threads));
            if (profileSteps > 0) {
                System.out.printf(Locale.ROOT, "%s: time per op type over %d steps (listener overhead included)%n%s",
                        s, profileSteps, step.profile(profileSteps, 12));
            }
        }
        return 0;
    }

    /** One training step of the SimSiam graph on fixed random views, as SimSiamTrainer runs it. */
    static final class Step {
        private final SimSiamConfig cfg;
        private final SameDiff sd;
        private final Map<String, INDArray> feeds;
        private final MomentumSgd sgd;
        private final List<String> params;
        private final StepMemory memory;

        Step(SimSiamConfig cfg, int batch, int c, int h, int w, boolean stepMemory) {
            this.cfg = cfg;
            this.sd = SimSiamNetwork.training(cfg, c, h, w).graph();
            this.memory = stepMemory ? StepMemory.attach(sd) : null;
            this.sgd = new MomentumSgd(sd, cfg.momentum(), cfg.weightDecay());
            this.params = sgd.params();
            Nd4j.getRandom().setSeed(cfg.seed());
            feeds = Map.of(SimSiamNetwork.VIEW1, Nd4j.randn(DataType.FLOAT, batch, c, h, w),
                    SimSiamNetwork.VIEW2, Nd4j.randn(DataType.FLOAT, batch, c, h, w));
        }

        double run() {
            if (memory != null) {
                memory.nextStep();
            }
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
}
