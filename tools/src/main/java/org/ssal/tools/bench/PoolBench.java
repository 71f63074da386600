package org.ssal.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.learning.round.NextBatch;
import org.ssal.learning.round.RoundInput;
import org.ssal.learning.round.RoundPlan;
import org.ssal.learning.round.RoundPlanner;
import org.ssal.schemas.Catalogue;
import org.ssal.service.ArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A large pool end to end without a broker: synthetic clustered embeddings (default 1,000,000 ×
 * 512 floats, 2 GB) are stored in an artifact store and read back hash-checked, as trainer and
 * scorer do, then each strategy runs rounds through {@link RoundPlanner#plan} exactly as the
 * scorer calls it (train the head on the labels, evaluate on the test split, pick the next batch
 * among the pool ids not asked yet), the picks labeled from the known ground truth. Prints the
 * time of each step and the process's peak resident set size (VmHWM) after it.
 *
 * <p>The generated pool is dropped before the read, so the rounds run on what was read, and the
 * peak RSS is that of one pool in memory, as in the scorer.
 */
@Command(name = "pool", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "store, read and run selection rounds on a large synthetic pool: time per round and peak RSS")
public final class PoolBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", description = "pool size")
    int n = 1_000_000;

    @Option(names = "--dim", paramLabel = "D", description = "floats per embedding")
    int dim = 512;

    @Option(names = "--test", paramLabel = "T", description = "test split size")
    int test = 10_000;

    @Option(names = "--classes", paramLabel = "C", description = "classes (clusters)")
    int classes = 10;

    @Option(names = "--initial", paramLabel = "I", description = "round 0's random set")
    int initial = 100;

    @Option(names = "--batch", paramLabel = "B", description = "samples picked per round")
    int batch = 100;

    @Option(names = "--rounds", paramLabel = "R", description = "rounds per strategy")
    int rounds = 3;

    @Option(names = "--strategies", paramLabel = "S", split = ",", description = "strategies to run, one after the other")
    List<String> strategies = List.of("kcenter", "entropy");

    @Option(names = "--head", paramLabel = "H", description = "the campaign's head")
    String head = Catalogue.DEFAULT_HEAD;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the data and the campaign")
    long seed = 7;

    @Option(names = "--dir", paramLabel = "DIR", description = "artifact store (default: a temporary directory, deleted after)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || dim < 1 || test < 1 || classes < 2 || initial < 1 || batch < 1 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--n, --dim, --test, --initial, --batch and --rounds must be >= 1"
                    + " and --classes >= 2, got " + n + ", " + dim + ", " + test + ", " + initial + ", " + batch + ", " + rounds
                    + " and " + classes);
        }
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ssal-pool-bench");
        try {
            run(new ArtifactStore(root));
        } finally {
            if (dir == null) {
                deleteTree(root);
            }
        }
        return 0;
    }

    private void run(ArtifactStore store) {
        System.out.printf(Locale.ROOT, "pool bench: pool %,d x %d, test %,d, %d classes, initial %d, batch %d, %d rounds of %s,"
                        + " head %s; %d cores, max heap %d MiB, Java %s, load %s%n",
                n, dim, test, classes, initial, batch, rounds, strategies, head, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), ProcStatus.loadAverage());
        long t = System.nanoTime();
        LabeledEmbeddings generated = SyntheticEmbeddings.generate("p", n, dim, classes, 1.0, seed, seed);
        int[] truth = generated.labels();
        step("generate pool", t);
        t = System.nanoTime();
        ArtifactStore.Ref poolRef = store.put(generated.embeddings()::write);
        step("store pool (format + sha256)", t);
        generated = null; // the rounds run on what is read back, like the scorer's
        t = System.nanoTime();
        LabeledEmbeddings testSplit = SyntheticEmbeddings.generate("t", test, dim, classes, 1.0, seed, seed + 1);
        ArtifactStore.Ref testRef = store.put(testSplit::write);
        testSplit = null;
        step("generate and store test split", t);
        System.gc();
        t = System.nanoTime();
        Embeddings pool = store.open(poolRef.uri(), poolRef.sha256(), Embeddings::read);
        LabeledEmbeddings testRead = store.open(testRef.uri(), testRef.sha256(), LabeledEmbeddings::read);
        step("read pool and test split (parse + sha256)", t);
        Map<String, Integer> index = new HashMap<>(n * 2);
        List<String> poolIds = new ArrayList<>(n);
        for (int i = 0; i < pool.size(); i++) {
            poolIds.add(pool.id(i));
            index.put(pool.id(i), i);
        }

        for (String strategy : strategies) {
            NextBatch first = RoundPlanner.initialBatch(poolIds, initial, seed);
            Map<String, Integer> labels = new LinkedHashMap<>();
            Set<String> queried = new HashSet<>();
            label(first.ids(), labels, queried, index, truth);
            for (int round = 0; round < rounds; round++) {
                t = System.nanoTime();
                RoundInput input = new RoundInput(pool, testRead, classes, labels, queried, head, seed, round);
                RoundPlan plan = RoundPlanner.plan(input, strategy, batch);
                double seconds = (System.nanoTime() - t) / 1e9;
                List<String> picked = plan.next().orElseThrow().ids();
                System.out.printf(Locale.ROOT, "%-8s round %d: %4d labels, accuracy %.4f, picked %d in %7.2f s;"
                                + " peak RSS %,d MiB, RSS %,d MiB; load %s%n",
                        strategy, round, labels.size(), plan.evaluation().evaluation().accuracy(), picked.size(), seconds,
                        ProcStatus.peakRssMiB(), ProcStatus.rssMiB(), ProcStatus.loadAverage());
                label(picked, labels, queried, index, truth);
            }
        }
    }

    private static void label(List<String> ids, Map<String, Integer> labels, Set<String> queried, Map<String, Integer> index,
                              int[] truth) {
        for (String id : ids) {
            queried.add(id);
            labels.put(id, truth[index.get(id)]);
        }
    }

    private static void step(String what, long startNanos) {
        System.out.printf(Locale.ROOT, "%-45s %7.2f s; peak RSS %,d MiB; load %s%n", what, (System.nanoTime() - startNanos) / 1e9,
                ProcStatus.peakRssMiB(), ProcStatus.loadAverage());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
