package org.ssal.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.Datasets;
import org.ssal.schemas.Catalogue;
import org.ssal.service.SsalHome;
import org.ssal.tools.cli.CatalogueChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssal demo}: one whole labeling campaign in this JVM, printed round by round. Defaults give
 * a campaign that finishes in a few minutes on two cores: Fashion-MNIST when it is installed (a
 * 10,000-image pool, 2,000 test images), else the generated synthetic set with smaller sizes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "run one labeling campaign end to end and print its learning curve")
final class DemoCommand implements Callable<Integer> {
    static final String FALLBACK_DATASET = "synthetic";
    // sizes for real data, then for the generated set, which is small and quick to learn
    static final int POOL = 10_000;
    static final int SYNTHETIC_POOL = 0;
    static final int TEST = 2_000;
    static final int SYNTHETIC_TEST = 0;
    static final int BUDGET = 600;
    static final int SYNTHETIC_BUDGET = 300;
    static final int INITIAL = 100;
    static final int SYNTHETIC_INITIAL = 50;
    static final int BATCH = 100;
    static final int SYNTHETIC_BATCH = 50;

    @Option(names = "--dataset", paramLabel = "NAME", converter = CatalogueChoice.Dataset.class,
            completionCandidates = CatalogueChoice.Dataset.class,
            description = "one of ${COMPLETION-CANDIDATES} (default: fashion-mnist when installed, else "
                    + FALLBACK_DATASET + ")")
    String dataset;

    @Option(names = "--dataset-option", paramLabel = "KEY=VALUE", description = "a dataset option, repeatable, e.g. "
            + "labels=coarse for cifar100, or size=13 channels=3 train=60000 test=10000 for synthetic (3 x 13 x 13 = 507 features)")
    Map<String, String> datasetOptions = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR",
            description = "folder of the dataset (or a folder with one sub-folder per dataset)")
    Path dataDir;

    @Option(names = "--pool", paramLabel = "N", description = "cap on the unlabeled pool, 0 = whole train split (default "
            + POOL + ", " + FALLBACK_DATASET + ": " + SYNTHETIC_POOL + ")")
    Integer pool;

    @Option(names = "--test", paramLabel = "N", description = "cap on the test split, 0 = whole split (default "
            + TEST + ", " + FALLBACK_DATASET + ": " + SYNTHETIC_TEST + ")")
    Integer test;

    @Option(names = "--budget", paramLabel = "N", description = "labels to buy, initial set included (default "
            + BUDGET + ", " + FALLBACK_DATASET + ": " + SYNTHETIC_BUDGET + ")")
    Integer budget;

    @Option(names = "--initial", paramLabel = "N", description = "random initial labeled set (default "
            + INITIAL + ", " + FALLBACK_DATASET + ": " + SYNTHETIC_INITIAL + ")")
    Integer initial;

    @Option(names = "--batch", paramLabel = "N", description = "samples asked per round (default "
            + BATCH + ", " + FALLBACK_DATASET + ": " + SYNTHETIC_BATCH + ")")
    Integer batch;

    @Option(names = "--strategy", paramLabel = "NAME", converter = CatalogueChoice.Strategy.class,
            completionCandidates = CatalogueChoice.Strategy.class, description = "one of ${COMPLETION-CANDIDATES}")
    String strategy = "entropy";

    @Option(names = "--encoder", paramLabel = "SPEC", converter = CatalogueChoice.EncoderKind.class,
            completionCandidates = CatalogueChoice.EncoderKind.class,
            description = "KIND[:NETWORK], e.g. simsiam:smallcnn, with KIND one of ${COMPLETION-CANDIDATES};"
                    + " auto = choose simsiam:smallcnn or pixels every round from the labels")
    String encoder = Catalogue.DEFAULT_ENCODER;

    @Option(names = "--epochs", paramLabel = "N", description = "SimSiam pretraining epochs, 0 = the trainer's")
    int epochs = 0;

    @Option(names = "--head", paramLabel = "NAME", converter = CatalogueChoice.Head.class,
            completionCandidates = CatalogueChoice.Head.class, description = "one of ${COMPLETION-CANDIDATES}")
    String head = Catalogue.DEFAULT_HEAD;

    @Option(names = "--seed", paramLabel = "N", description = "seed of every random choice")
    long seed = 1;

    @Option(names = "--repeat", paramLabel = "N", description = "run the campaign N times one after the other in "
            + "this JVM, with seeds SEED, SEED+1, ... (to time rounds with the JIT warm); the summary is the last one's")
    int repeat = 1;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "write {campaignId, dataset, strategy, budget, labeled, rounds:[...]} there")
    Path summaryJson;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this broker instead of the in-JVM one")
    String kafka;

    @Option(names = "--home", paramLabel = "DIR", description = "keep the broker log, Kafka Streams state and "
            + "artifacts in this folder, as ssal serve does (a later serve --home DIR shows this campaign); "
            + "default: a throw-away broker")
    Path home;

    @Option(names = "--timeout-min", paramLabel = "N", description = "give up after N minutes")
    int timeoutMinutes = 60;

    @Option(names = "--oracle", paramLabel = "NAME", converter = CatalogueChoice.Oracle.class,
            completionCandidates = CatalogueChoice.Oracle.class,
            description = "who labels: one of ${COMPLETION-CANDIDATES}; human prints the labeling page's URL and a "
                    + "token, and waits while you label (consider a small --budget)")
    String oracle = Catalogue.DEFAULT_ORACLE;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the labeling page with --oracle human")
    int port = 8080;

    /** The options with the dataset chosen and the sizes that depend on it filled in. */
    DemoOptions options() {
        String chosen = dataset;
        boolean fellBack = false;
        if (chosen == null) {
            chosen = Datasets.isInstalled("fashion-mnist", DatasetRoots.resolve("fashion-mnist", dataDir))
                    ? "fashion-mnist" : FALLBACK_DATASET;
            fellBack = chosen.equals(FALLBACK_DATASET);
        }
        boolean synthetic = chosen.equals(FALLBACK_DATASET);
        return new DemoOptions(chosen, Map.copyOf(datasetOptions), dataDir,
                or(pool, synthetic ? SYNTHETIC_POOL : POOL), or(test, synthetic ? SYNTHETIC_TEST : TEST),
                or(budget, synthetic ? SYNTHETIC_BUDGET : BUDGET), or(initial, synthetic ? SYNTHETIC_INITIAL : INITIAL),
                or(batch, synthetic ? SYNTHETIC_BATCH : BATCH), strategy, encoder, epochs, head, seed, summaryJson,
                kafka, timeoutMinutes, fellBack, oracle, port, repeat);
    }

    @Override
    public Integer call() {
        DemoOptions options = options();
        if (options.dataDir() != null) {
            System.setProperty("ssal.data.dir", options.dataDir().toAbsolutePath().toString());
        }
        if (options.human()) {
            HumanDemo.prepare(options.httpPort());
        }
        DemoRun.options = options;
        if (home != null) {
            return InJvmServices.run(SsalHome.at(home), options.kafka(), DemoRun.class, "demo");
        }
        return InJvmServices.run(options.kafka(), DemoRun.class, "demo");
    }

    private static int or(Integer given, int fallback) {
        return given != null ? given : fallback;
    }
}
