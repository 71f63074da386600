package org.ssal.learning.advice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The threshold relation measured by ssal's own committed experiment grid (docs/results.md): the
 * grid's rows.csv is packaged as a resource, so the advisor and {@code strategy: auto} work out of
 * the box. Without that resource the relation is empty and the advice is random sampling.
 */
public final class MeasuredRelation {
    /** Classpath location of the packaged grid results. */
    public static final String RESOURCE = "/org/ssal/learning/advice/measured-rows.csv";
    private static volatile ThresholdRelation builtIn;

    private MeasuredRelation() {
    }

    public static ThresholdRelation builtIn() {
        ThresholdRelation relation = builtIn;
        if (relation == null) {
            relation = load();
            builtIn = relation;
        }
        return relation;
    }

    /** Fits the relation on a grid's rows: SSL cells only, as the paper's claim is about SSL + AL vs SSL + random. */
    public static ThresholdRelation fit(List<ResultRow> rows, String source) {
        List<Threshold> thresholds = ThresholdAnalysis.defaults().thresholds(LearningCurves.of(rows)).stream()
                .filter(t -> t.key().ssl()).toList();
        ThresholdRelation fitted = ThresholdRelation.fit(thresholds);
        return new ThresholdRelation(fitted.points(), fitted.datasetsNeverInRange(), fitted.bestStrategy(), source);
    }

    private static ThresholdRelation load() {
        try (InputStream in = MeasuredRelation.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new ThresholdRelation(List.of(), List.of(), java.util.Optional.empty(),
                        ThresholdRelation.MEASURED_BY_SSAL + " (no grid results packaged)");
            }
            List<ResultRow> rows = ResultsCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
            return fit(rows, ThresholdRelation.MEASURED_BY_SSAL + " (docs/results.md)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
