package org.ssal.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.Datasets;

/**
 * Options of {@code ./ssal demo}. Defaults give a campaign that finishes in a few minutes on two
 * cores: Fashion-MNIST when it is installed (a 10,000-image pool, 2,000 test images), else the
 * generated synthetic set.
 */
record DemoOptions(String dataset, Path dataDir, int poolSize, int testSize, int budget, int initialSize,
                   int batchSize, String strategy, String encoder, int epochs, String head, long seed,
                   Path summaryJson, String kafka, int timeoutMinutes, boolean datasetFellBack) {

    static final String USAGE = """
            usage: ssal demo [options]
              --dataset NAME       fashion-mnist (default when installed) | synthetic | cifar10 | cifar100 | tiny-imagenet | image-folder
              --data DIR           folder of the dataset (or a folder with one sub-folder per dataset)
              --pool N             cap on the unlabeled pool (default 10000; 0 = whole train split)
              --test N             cap on the test split (default 2000; 0 = whole split)
              --budget N           labels to buy, initial set included (default 600)
              --initial N          random initial labeled set (default 100)
              --batch N            samples asked per round (default 100)
              --strategy NAME      random | entropy | kcenter | vaal | svm-margin | typiclust (default entropy)
              --encoder SPEC       pixels | simsiam:smallcnn | ... (default pixels)
              --epochs N           SimSiam pretraining epochs (default: the trainer's)
              --head NAME          softmax | svm (default softmax)
              --seed N             seed of every random choice (default 1)
              --summary-json FILE  write {campaignId, dataset, strategy, budget, labeled, rounds:[...]} there
              --kafka HOST:PORT    use this broker instead of the in-JVM one
              --timeout-min N      give up after N minutes (default 60)
            """;

    static DemoOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            given.put(arg.substring(2), args.get(++i));
        }
        Path dataDir = given.containsKey("data") ? Path.of(given.remove("data")) : null;
        String dataset = given.remove("dataset");
        boolean fellBack = false;
        if (dataset == null) {
            dataset = Datasets.isInstalled("fashion-mnist", DatasetRoots.resolve("fashion-mnist", dataDir))
                    ? "fashion-mnist" : "synthetic";
            fellBack = dataset.equals("synthetic");
        }
        boolean synthetic = dataset.equals("synthetic");
        DemoOptions options = new DemoOptions(dataset, dataDir,
                intOf(given, "pool", synthetic ? 0 : 10_000), intOf(given, "test", synthetic ? 0 : 2_000),
                intOf(given, "budget", synthetic ? 300 : 600), intOf(given, "initial", synthetic ? 50 : 100),
                intOf(given, "batch", synthetic ? 50 : 100), stringOf(given, "strategy", "entropy"),
                stringOf(given, "encoder", "pixels"), intOf(given, "epochs", 0), stringOf(given, "head", "softmax"),
                Long.parseLong(stringOf(given, "seed", "1")),
                given.containsKey("summary-json") ? Path.of(given.remove("summary-json")) : null,
                given.remove("kafka"), intOf(given, "timeout-min", 60), fellBack);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + given.keySet() + "\n" + USAGE);
        }
        return options;
    }

    /** The campaign request, in the JSON shape of POST /campaigns. */
    Map<String, Object> campaignJson(String campaignId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaignId", campaignId);
        json.put("dataset", dataset);
        json.put("poolSize", poolSize);
        json.put("testSize", testSize);
        json.put("budget", budget);
        json.put("initialSize", initialSize);
        json.put("batchSize", batchSize);
        json.put("strategy", strategy);
        json.put("encoder", encoder);
        json.put("pretrainEpochs", epochs);
        json.put("head", head);
        json.put("seed", seed);
        return json;
    }

    private static int intOf(Map<String, String> given, String name, int fallback) {
        String value = given.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    private static String stringOf(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }
}
