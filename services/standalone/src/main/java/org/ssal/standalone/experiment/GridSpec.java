package org.ssal.standalone.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An experiment grid as written in YAML: datasets × initial labeled fractions × strategies ×
 * SSL on/off × seeds. Each combination is one cell, run as a real campaign.
 *
 * <pre>
 * name: fashion-mnist
 * seeds: [1, 2, 3]
 * strategies: [random, entropy, kcenter]
 * ssl: [true, false]
 * initialFractions: [0.001, 0.01]
 * encoder: simsiam:smallcnn      # the SSL encoder (pretrained once per dataset, then reused)
 * baselineEncoder: supervised:smallcnn   # what ssl: false trains each round
 * baselineStrategies: [random, entropy]  # ssl: false cells retrain every round: often a subset (default: strategies)
 * baselineSeeds: [1, 2]                  # (default: seeds)
 * baselineEpochs: 10                     # supervised epochs per round (default: the trainer's)
 * pretrainEpochs: 10
 * head: softmax
 * parallel: 2                    # campaigns in flight at once
 * datasets:
 *   - name: fashion-mnist
 *     label: fashion-mnist       # optional: the name in results (tell apart several synthetic sets)
 *     poolSize: 10000
 *     testSize: 2000
 *     batchSize: 100
 *     budget: 1000
 *     options: {}
 *     encoder: auto              # optional: this entry's SSL encoder instead of the grid's
 * </pre>
 */
public record GridSpec(String name, List<Long> seeds, List<String> strategies, List<Boolean> ssl,
                       List<Double> initialFractions, String encoder, String baselineEncoder,
                       List<String> baselineStrategies, List<Long> baselineSeeds, int baselineEpochs, int pretrainEpochs,
                       String head, int parallel, List<DatasetEntry> datasets) {

    /**
     * @param label   how results name this entry (default: its name), e.g. synthetic-10 for one of several synthetic sets
     * @param encoder the SSL encoder of this entry's cells, instead of the grid's (compare encoders on one dataset)
     */
    public record DatasetEntry(String name, String label, int poolSize, int testSize, int batchSize, int budget,
                               Map<String, String> options, String encoder) {
        public String resultName() {
            return label == null || label.isBlank() ? name : label;
        }
    }

    /** One campaign of the grid. */
    public record Cell(String dataset, String label, int poolSize, int testSize, int batchSize, int budget,
                       Map<String, String> options, double initialFraction, int initialSize, String strategy,
                       boolean ssl, String encoder, int pretrainEpochs, String head, long seed) {
        /** Stable across runs: how a resumed grid recognises finished cells. */
        public String key() {
            return String.join("|", label, Double.toString(initialFraction), strategy, Boolean.toString(ssl),
                    Long.toString(seed));
        }
    }

    public static GridSpec read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("grid file " + file + " does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        GridSpec spec;
        try {
            spec = yaml.readValue(file.toFile(), GridSpec.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("grid file " + file + ": " + e.getOriginalMessage()
                    + " (at " + e.getPathReference() + ")");
        }
        return spec.withDefaults().validated(file);
    }

    // head "softmax", not the campaigns' default: grid files written before "logistic" existed
    // omit the head and must re-run as recorded (experiments/)
    private GridSpec withDefaults() {
        return new GridSpec(name == null ? "grid" : name, seeds == null ? List.of(1L) : seeds,
                strategies == null ? List.of("random", "entropy") : strategies, ssl == null ? List.of(true) : ssl,
                initialFractions == null ? List.of(0.01) : initialFractions,
                encoder == null ? "simsiam:smallcnn" : encoder,
                baselineEncoder == null ? "supervised:smallcnn" : baselineEncoder,
                baselineStrategies == null ? strategies == null ? List.of("random", "entropy") : strategies : baselineStrategies,
                baselineSeeds == null ? seeds == null ? List.of(1L) : seeds : baselineSeeds, baselineEpochs, pretrainEpochs,
                head == null ? "softmax" : head, parallel <= 0 ? 2 : parallel, datasets == null ? List.of() : datasets);
    }

    private GridSpec validated(Path file) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("grid file " + file + ": 'datasets' is empty");
        }
        for (double fraction : initialFractions) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("grid file " + file + ": initialFractions must be in (0, 1], got " + fraction);
            }
        }
        for (DatasetEntry d : datasets) {
            if (d.name() == null || d.budget() <= 0 || d.batchSize() <= 0) {
                throw new IllegalArgumentException("grid file " + file + ": dataset " + d.name()
                        + " needs a name, budget > 0 and batchSize > 0 (got budget " + d.budget()
                        + ", batchSize " + d.batchSize() + ")");
            }
        }
        return this;
    }

    /** Every cell, datasets outermost, seeds innermost; initial sets larger than the budget are refused. */
    public List<Cell> cells(java.util.function.ToIntFunction<DatasetEntry> poolSizeOf) {
        List<Cell> cells = new ArrayList<>();
        for (DatasetEntry d : datasets) {
            int pool = poolSizeOf.applyAsInt(d);
            for (double fraction : initialFractions) {
                int initial = Math.max(1, (int) Math.round(fraction * pool));
                if (initial > d.budget()) {
                    throw new IllegalArgumentException("dataset " + d.resultName() + ": initial fraction " + fraction
                            + " of a " + pool + "-sample pool is " + initial + " labels, more than its budget " + d.budget());
                }
                for (boolean withSsl : ssl) {
                    for (String strategy : withSsl ? strategies : baselineStrategies) {
                        for (long seed : withSsl ? seeds : baselineSeeds) {
                            cells.add(new Cell(d.name(), d.resultName(), d.poolSize(), d.testSize(), d.batchSize(), d.budget(),
                                    d.options() == null ? Map.of() : d.options(), fraction, initial, strategy, withSsl,
                                    withSsl ? d.encoder() != null ? d.encoder() : encoder : baselineEncoder,
                                    withSsl ? pretrainEpochs : baselineEpochs,
                                    head, seed));
                        }
                    }
                }
            }
        }
        return cells;
    }
}
