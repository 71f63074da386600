package org.ssal.learning.ssl;

import static org.ssal.schemas.Sha256.sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.Normalize;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.Encoder;

/**
 * A pretrained (or randomly initialised) SimSiam encoder, frozen: its inference graph uses fixed
 * BatchNorm statistics, so an image's embedding does not depend on its batch. Embeddings are
 * the encoder's global-average-pooled features (the paper's linear evaluation uses them).
 * <p>On disk ({@link #save}): {@code encoder.sdz} (SameDiff graph with weights),
 * {@code model.json} (config, input shape, normalization, loss curve) and {@code SHA256SUMS};
 * {@link #load} verifies both hashes before reading anything.
 */
public final class SimSiamModel implements Encoder {
    static final String GRAPH_FILE = "encoder.sdz";
    static final String META_FILE = "model.json";
    static final String SUMS_FILE = "SHA256SUMS";

    private final SameDiff graph;
    private final SimSiamConfig config;
    private final int channels;
    private final int height;
    private final int width;
    private final Normalize normalize;
    private final int dim;
    private final boolean pretrained;
    private final List<Double> lossCurve;

    SimSiamModel(SameDiff graph, SimSiamConfig config, int channels, int height, int width, Normalize normalize,
                 int dim, boolean pretrained, List<Double> lossCurve) {
        this.graph = graph;
        this.config = config;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalize = normalize;
        this.dim = dim;
        this.pretrained = pretrained;
        this.lossCurve = List.copyOf(lossCurve);
    }

    static SimSiamModel fromTrainingGraph(SameDiff trained, SimSiamConfig cfg, ImageSet pool, Normalize normalize,
                                          List<SimSiamTrainer.EpochStats> history, double seconds) {
        Map<String, INDArray> stats = SimSiamTrainer.calibrate(trained, cfg, pool, normalize);
        SimSiamNetwork infer = SimSiamNetwork.inference(cfg, pool.channels(), pool.height(), pool.width(), stats);
        infer.copyWeightsFrom(trained);
        List<Double> losses = new ArrayList<>();
        history.forEach(e -> losses.add(e.loss()));
        return new SimSiamModel(infer.graph(), cfg, pool.channels(), pool.height(), pool.width(), normalize,
                infer.featureDim(), cfg.epochs() > 0, losses);
    }

    public SimSiamConfig config() { return config; }
    public List<Double> lossCurve() { return lossCurve; }
    /** The frozen inference graph (input {@code input}, output {@code embedding}). */
    public SameDiff graph() { return graph; }
    public Normalize normalization() { return normalize; }

    @Override
    public String describe() {
        return (pretrained ? "simsiam:" : "random-init:") + config.encoder();
    }

    @Override
    public int dim() { return dim; }

    @Override
    public Embeddings embed(ImageSet images, Progress progress) {
        return GraphEmbedding.embed(graph, normalize, new int[] {channels, height, width}, dim,
                config.embedBatchSize(), images, describe(), progress);
    }

    /** Writes the graph, {@code model.json} and their sha256 sums into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        graph.save(dir.resolve(GRAPH_FILE).toFile(), false);
        Files.writeString(dir.resolve(META_FILE), metaJson(), StandardCharsets.UTF_8);
        String sums = sha256(dir.resolve(GRAPH_FILE)) + "  " + GRAPH_FILE + "\n"
                + sha256(dir.resolve(META_FILE)) + "  " + META_FILE + "\n";
        Files.writeString(dir.resolve(SUMS_FILE), sums, StandardCharsets.UTF_8);
    }

    /** Reads a model written by {@link #save}; throws {@link IOException} naming the file whose hash differs. */
    public static SimSiamModel load(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(SUMS_FILE), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 2);
            String actual = sha256(dir.resolve(parts[1]));
            if (!actual.equals(parts[0])) {
                throw new IOException("sha256 mismatch for " + dir.resolve(parts[1]) + ": expected " + parts[0]
                        + ", got " + actual);
            }
        }
        String meta = Files.readString(dir.resolve(META_FILE), StandardCharsets.UTF_8);
        Matcher cfg = Pattern.compile("\"config\"\\s*:\\s*(\\{[^}]*})").matcher(meta);
        if (!cfg.find()) {
            throw new IOException(META_FILE + " has no config object");
        }
        SimSiamConfig config = SimSiamConfig.fromJson(cfg.group(1));
        int[] shape = ints(meta, "input");
        float[] mean = floats(meta, "mean");
        float[] std = floats(meta, "std");
        int dim = ints(meta, "dim")[0];
        boolean pretrained = meta.contains("\"pretrained\": true");
        List<Double> curve = new ArrayList<>();
        for (float v : floats(meta, "lossCurve")) {
            curve.add((double) v);
        }
        BatchNormTraining.register();
        SameDiff graph = SameDiff.load(dir.resolve(GRAPH_FILE).toFile(), false);
        return new SimSiamModel(graph, config, shape[0], shape[1], shape[2], new Normalize(mean, std), dim,
                pretrained, curve);
    }

    private String metaJson() {
        StringBuilder curve = new StringBuilder();
        for (double v : lossCurve) {
            curve.append(curve.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", v));
        }
        return "{\n  \"config\": " + config.toJson() + ",\n"
                + "  \"input\": [" + channels + ", " + height + ", " + width + "],\n"
                + "  \"mean\": " + java.util.Arrays.toString(normalize.mean()) + ",\n"
                + "  \"std\": " + java.util.Arrays.toString(normalize.std()) + ",\n"
                + "  \"dim\": [" + dim + "],\n"
                + "  \"pretrained\": " + pretrained + ",\n"
                + "  \"lossCurve\": [" + curve + "]\n}\n";
    }

    private static String array(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException(META_FILE + " lacks field " + field);
        }
        return m.group(1).trim();
    }

    private static int[] ints(String json, String field) {
        String a = array(json, field);
        return a.isEmpty() ? new int[0] : java.util.Arrays.stream(a.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    private static float[] floats(String json, String field) {
        String a = array(json, field);
        if (a.isEmpty()) {
            return new float[0];
        }
        String[] parts = a.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i].trim());
        }
        return out;
    }
}
