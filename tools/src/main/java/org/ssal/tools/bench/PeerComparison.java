package org.ssal.tools.bench;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What {@code bench simsiam} and {@code bench embed} share: the shapes, the rounds, the PyTorch
 * peer, and the loop that alternates ours and PyTorch per round, so that a change in machine load
 * hits both, printing each round with the load average and then the best round.
 */
final class PeerComparison {
    /** A throughput to time once per round. */
    @FunctionalInterface
    interface Rate {
        double imagesPerSecond() throws Exception;
    }

    /** One of our measurements; the first of a comparison is the one set against PyTorch. */
    record Ours(String name, Rate rate) {
    }

    /** PyTorch's side of one shape, from the peer script. */
    @FunctionalInterface
    interface PeerRate {
        double imagesPerSecond(PyTorchPeer peer, ImageShape shape) throws Exception;
    }

    @Option(names = "--shapes", split = ",", paramLabel = "CxHxW", converter = ImageShape.Converter.class,
            defaultValue = "3x32x32,1x28x28", description = "image shapes to time")
    List<ImageShape> shapes;

    @Option(names = "--rounds", description = "rounds, alternating ours and PyTorch")
    int rounds = 2;

    @Option(names = "--python", description = "interpreter that has torch")
    String python = PyTorchPeer.DEFAULT_PYTHON;

    @Option(names = "--peer", paramLabel = "SCRIPT", description = "the PyTorch peer script")
    String script = PyTorchPeer.DEFAULT_SCRIPT;

    @Option(names = "--no-peer", description = "time ours only")
    boolean noPeer;

    /** The peer to time against, or null (with the reason printed) when there is none. */
    PyTorchPeer peer() {
        if (noPeer) {
            return null;
        }
        PyTorchPeer pytorch = new PyTorchPeer(python, script);
        if (!pytorch.available()) {
            System.out.println("pytorch peer unavailable (" + python + " " + script + "): ours only");
            return null;
        }
        return pytorch;
    }

    /** Times {@code ours} and the peer for {@code rounds} rounds on one shape and prints them. */
    void compare(ImageShape shape, List<Ours> ours, PyTorchPeer peer, PeerRate theirs) throws Exception {
        String name = ours.get(0).name();
        double bestOurs = 0;
        double bestTheirs = 0;
        for (int r = 1; r <= rounds; r++) {
            String load = PyTorchPeer.loadAverage();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s round %d", shape, r));
            double first = Double.NaN;
            for (Ours o : ours) {
                double rate = o.rate().imagesPerSecond();
                first = Double.isNaN(first) ? rate : first;
                line.append(String.format(Locale.ROOT, "  %s %7.1f img/s", o.name(), rate));
            }
            double peerRate = peer != null ? theirs.imagesPerSecond(peer, shape) : Double.NaN;
            bestOurs = Math.max(bestOurs, first);
            bestTheirs = Math.max(bestTheirs, peerRate);
            System.out.println(line.append(String.format(Locale.ROOT,
                    "  pytorch %7.1f img/s  %s/pytorch %5.2f  (load before: %s, after: %s)",
                    peerRate, name, first / peerRate, load, PyTorchPeer.loadAverage())));
        }
        // other processes only ever slow a run down, so the best round is the least disturbed one
        System.out.printf(Locale.ROOT, "%-8s best of %d  %s %7.1f img/s  pytorch %7.1f img/s  %s/pytorch %5.2f%n",
                shape, rounds, name, bestOurs, bestTheirs, name, bestOurs / bestTheirs);
    }
}
