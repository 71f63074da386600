package org.ssal.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.ssal.learning.acquisition.KCenterGreedy;
import org.ssal.learning.acquisition.KCenterGreedyStrategy;
import org.ssal.learning.acquisition.Selection;
import org.ssal.learning.acquisition.SelectionContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Benchmark of {@link KCenterGreedyStrategy}: pick k of n random d-dimensional embeddings
 * (default 1,000 of 60,000 × 512) and compare the time with (a) a numpy implementation of the
 * same greedy rule ({@code bench/kcenter_peer.py}, run as a subprocess on the same data and the
 * same start row) and (b) the memory-bandwidth floor: each of the k - 1 update steps must stream
 * the n × d float matrix once, so no implementation of this algorithm on this machine can beat
 * (k - 1)·n·d·4 bytes / bandwidth, with the bandwidth measured in the same run by summing the
 * matrix with the same threads. Also checks that Java and numpy pick the same rows.
 *
 * <p>Prints figures; writes nothing but a temporary data file, deleted at the end.
 */
@Command(name = "kcenter", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "k-center greedy selection time against numpy and the memory-bandwidth floor")
public final class KCenterBench implements Callable<Integer> {
    @Option(names = "--n", paramLabel = "N", description = "embeddings to pick from")
    int n = 60_000;

    @Option(names = "--d", paramLabel = "D", description = "dimensions of each embedding")
    int d = 512;

    @Option(names = "--k", paramLabel = "K", description = "embeddings to pick")
    int k = 1_000;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the random embeddings")
    long seed = 7;

    @Option(names = "--python", paramLabel = "PYTHON", description = "interpreter that has numpy")
    String python = "python3";

    @Option(names = "--peer", paramLabel = "SCRIPT", description = "the numpy peer script")
    String peer = "bench/kcenter_peer.py";

    @Option(names = "--numpy", paramLabel = "VARIANTS", description = "numpy forms to run: gemv, direct (the slow textbook one)")
    String numpyVariants = "gemv,direct";

    @Option(names = "--rounds", paramLabel = "R", description = "timed Java runs of each kind (the best and all are printed)")
    int rounds = 3;

    @Spec
    CommandSpec spec;

    private double bestJavaSeconds = Double.POSITIVE_INFINITY;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || d < 1 || k < 1 || k > n || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--n, --d, --k and --rounds must be >= 1 and --k <= --n, got "
                    + n + ", " + d + ", " + k + ", " + rounds);
        }
        System.out.printf(Locale.ROOT, "KCenterGreedy bench: n=%d d=%d k=%d seed=%d, %d cores, Java %s%n",
                n, d, k, seed, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());

        float[][] x = randomMatrix(n, d, seed);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(String.format(Locale.ROOT, "s%07d", i)); // id order == row order, as numpy's argmax ties
        }
        SelectionContext ctx = new SelectionContext(ids, x, List.of(), new float[0][], new int[0], 10, null, seed, 0);

        // warm up the JIT on the same code path, then time
        new KCenterGreedyStrategy(true).select(ctx, Math.min(50, k));
        Selection parallel = null;
        double parallelSeconds = Double.POSITIVE_INFINITY;
        double sequentialSeconds = Double.POSITIVE_INFINITY;
        List<String> times = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            parallel = new KCenterGreedyStrategy(true).select(ctx, k);
            double p = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Selection sequential = new KCenterGreedyStrategy(false).select(ctx, k);
            double s = (System.nanoTime() - t0) / 1e9;
            if (!parallel.ids().equals(sequential.ids())) {
                throw new IllegalStateException("parallel and sequential runs differ");
            }
            parallelSeconds = Math.min(parallelSeconds, p);
            sequentialSeconds = Math.min(sequentialSeconds, s);
            times.add(String.format(Locale.ROOT, "%.3f / %.3f", p, s));
        }
        bestJavaSeconds = Math.min(parallelSeconds, sequentialSeconds);
        System.out.println("java runs (parallel / 1 thread, s): " + String.join(", ", times) + "; best of each below");
        int[] javaPicks = new int[k];
        for (int i = 0; i < k; i++) {
            javaPicks[i] = Integer.parseInt(parallel.ids().get(i).substring(1));
        }

        // the same run through KCenterGreedy itself, for its counts of distance evaluations
        int[] rowOrder = IntStream.range(0, n).toArray();
        KCenterGreedy.Result counted = KCenterGreedy.run(x, new float[0][], k, javaPicks[0], rowOrder, true);
        if (!java.util.Arrays.equals(counted.picked(), javaPicks)) {
            throw new IllegalStateException("KCenterGreedy.run and the strategy picked differently");
        }
        System.out.printf(Locale.ROOT, "distance evaluations %,d of the naive %,d: %.1f%% skipped (exact: same picks)%n",
                counted.evaluations(), counted.naiveEvaluations(), 100 * counted.skippedFraction());

        double bandwidth = bandwidth(x, true);
        double bandwidthOneThread = bandwidth(x, false);
        double bytes = (double) (k - 1) * n * d * Float.BYTES;
        double floor = bytes / bandwidth;
        double floorOneThread = bytes / bandwidthOneThread;

        System.out.printf(Locale.ROOT, "java parallel    %8.3f s  (%.1f GB/s effective)%n", parallelSeconds, bytes / parallelSeconds / 1e9);
        System.out.printf(Locale.ROOT, "java 1 thread    %8.3f s  (%.1f GB/s effective)%n", sequentialSeconds, bytes / sequentialSeconds / 1e9);
        System.out.printf(Locale.ROOT, "memory bandwidth %8.1f GB/s all threads, %.1f GB/s one thread (streaming read, best of 5)%n",
                bandwidth / 1e9, bandwidthOneThread / 1e9);
        System.out.printf(Locale.ROOT, "bandwidth floor  %8.3f s  all threads (java parallel = %.2f x floor)%n", floor, parallelSeconds / floor);
        System.out.printf(Locale.ROOT, "bandwidth floor  %8.3f s  one thread  (java 1 thread = %.2f x floor)%n", floorOneThread,
                sequentialSeconds / floorOneThread);

        runPeer(PeerScripts.resolve(peer), x, javaPicks, parallel.scores());
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        return 0;
    }

    private void runPeer(Path peer, float[][] x, int[] javaPicks, double[] javaDistances) throws IOException, InterruptedException {
        if (!Files.exists(peer)) {
            System.out.println("numpy peer not found at " + peer + " (pass --peer); skipped");
            return;
        }
        Path data = Files.createTempFile("kcenter-bench", ".f32");
        Path out = Files.createTempFile("kcenter-bench", ".out");
        try {
            writeFloats(data, x);
            Process process = new ProcessBuilder(python, peer.toString(), data.toString(), "" + n, "" + d, "" + k, "" + javaPicks[0], out.toString(), numpyVariants)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int rc = process.waitFor();
            if (rc != 0) {
                System.out.println("numpy peer failed (rc " + rc + "):\n" + output);
                return;
            }
            for (String line : output.strip().split("\n")) {
                if (line.startsWith("bandwidth")) {
                    double numpyBandwidth = Double.parseDouble(line.substring(line.indexOf('=') + 1)) * 1e9;
                    double bytes = (double) (k - 1) * n * d * Float.BYTES;
                    System.out.printf(Locale.ROOT, "numpy bandwidth  %8.1f GB/s one thread (x.sum(), best of 5) -> floor %.3f s%n",
                            numpyBandwidth / 1e9, bytes / numpyBandwidth);
                    continue;
                }
                String variant = line.split(" ")[0];
                double seconds = Double.parseDouble(line.substring(line.indexOf('=') + 1));
                Path idsFile = Path.of(out + "." + variant + ".ids");
                List<String> lines = Files.readAllLines(idsFile);
                Files.deleteIfExists(idsFile);
                int same = 0;
                int firstDifference = -1;
                java.util.Set<Integer> numpySet = new java.util.HashSet<>();
                java.util.Set<Integer> javaSet = new java.util.HashSet<>();
                for (int i = 0; i < k; i++) {
                    int numpyPick = Integer.parseInt(lines.get(i).strip());
                    numpySet.add(numpyPick);
                    javaSet.add(javaPicks[i]);
                    if (numpyPick == javaPicks[i]) {
                        same++;
                    } else if (firstDifference < 0) {
                        firstDifference = i;
                    }
                }
                numpySet.retainAll(javaSet);
                String verdict = same == k ? "yes, all " + k + " in the same order"
                        : String.format(Locale.ROOT, "no: %d of %d at the same step, %d in common as sets, first difference at step %d"
                                + " (java distance there %.7g, next step %.7g)", same, k, numpySet.size(), firstDifference,
                                javaDistances[firstDifference], javaDistances[Math.min(k - 1, firstDifference + 1)]);
                System.out.printf(Locale.ROOT, "numpy %-10s %8.3f s  same picks as java: %s%n", variant, seconds, verdict);
                System.out.printf(Locale.ROOT, "ratio numpy %s / best java = %.2f (java is %.2fx faster)%n", variant,
                        seconds / bestJavaSeconds, seconds / bestJavaSeconds);
            }
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(out);
        }
    }

    /** Uniform values in [-1, 1): embeddings without structure, the worst case for any pruning. */
    private static float[][] randomMatrix(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        return x;
    }

    /**
     * Bytes per second of reading the matrix, best of five passes: the rows are first laid out in
     * the same 256-row column-major blocks that KCenterGreedy streams, and each block is summed
     * into a 256-float accumulator with the same loop shape as its distance kernel minus the
     * arithmetic, so the JIT vectorises it and the pass is bound by memory, not by the adds.
     */
    private static double bandwidth(float[][] x, boolean parallel) {
        int d = x[0].length;
        int chunk = 256;
        float[][] blocks = new float[(x.length + chunk - 1) / chunk][];
        for (int ch = 0; ch < blocks.length; ch++) {
            int lo = ch * chunk;
            int len = Math.min(x.length, lo + chunk) - lo;
            blocks[ch] = new float[len * d];
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < d; j++) {
                    blocks[ch][j * len + i] = x[lo + i][j];
                }
            }
        }
        double best = 0;
        double sink = 0;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            IntStream range = IntStream.range(0, blocks.length);
            sink += (parallel ? range.parallel() : range).mapToDouble(ch -> {
                float[] block = blocks[ch];
                int len = block.length / d;
                float[] acc = new float[len];
                for (int j = 0; j < d; j++) {
                    int base = j * len;
                    for (int r = 0; r < len; r++) {
                        acc[r] += block[base + r];
                    }
                }
                return acc[0] + acc[len - 1];
            }).sum();
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, (double) x.length * d * Float.BYTES / seconds);
        }
        if (sink == 42.4242) {
            System.out.println(); // keeps the sums alive for the JIT
        }
        return best;
    }

    private static void writeFloats(Path path, float[][] x) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(x[0].length * Float.BYTES * 256).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : x) {
                if (buffer.remaining() < row.length * Float.BYTES) {
                    buffer.flip();
                    channel.write(buffer);
                    buffer.clear();
                }
                buffer.asFloatBuffer().put(row);
                buffer.position(buffer.position() + row.length * Float.BYTES);
            }
            buffer.flip();
            channel.write(buffer);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
