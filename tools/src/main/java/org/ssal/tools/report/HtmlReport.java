package org.ssal.tools.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ssal.learning.advice.Advisor;
import org.ssal.learning.advice.Curve;
import org.ssal.learning.advice.CurvePoint;
import org.ssal.learning.advice.LearningCurves;
import org.ssal.learning.advice.NumberText;
import org.ssal.learning.advice.PairedComparison;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.Threshold;
import org.ssal.learning.advice.ThresholdAnalysis;
import org.ssal.learning.advice.ThresholdRelation;

/**
 * One HTML page summarizing an experiment grid: the learning-curve plots, final accuracy per
 * dataset × strategy × SSL, the AL-over-random thresholds, their relation to the number of
 * classes, and the advisor's rule. The page needs no network; the PNGs are written next to it and
 * referenced by relative {@code <img src>}, so the directory can be zipped or served as is.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";
    public static final String THRESHOLD_PLOT = "threshold-vs-classes.png";

    private HtmlReport() {
    }

    /** Analyses the rows with the default threshold rule and writes the page and its plots. */
    public static Path write(Path directory, List<ResultRow> rows) {
        return write(directory, rows, ThresholdAnalysis.defaults());
    }

    /**
     * @return the written {@value #FILE_NAME}
     */
    public static Path write(Path directory, List<ResultRow> rows, ThresholdAnalysis analysis) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty, got " + rows);
        }
        List<Curve> curves = LearningCurves.of(rows);
        List<Threshold> thresholds = analysis.thresholds(curves);
        // the paper's claim is about SSL + AL against SSL + random, so only SSL cells feed the relation
        ThresholdRelation relation = ThresholdRelation.fit(thresholds.stream().filter(t -> t.key().ssl()).toList());
        try {
            Files.createDirectories(directory);
            Map<Path, List<Curve>> plots = CurvePlot.writePerDataset(directory, curves);
            ThresholdPlot.write(directory.resolve(THRESHOLD_PLOT), relation);
            Path page = directory.resolve(FILE_NAME);
            Files.writeString(page, html(rows, curves, plots, thresholds, relation, analysis), StandardCharsets.UTF_8);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    private static String html(List<ResultRow> rows, List<Curve> curves, Map<Path, List<Curve>> plots,
                               List<Threshold> thresholds, ThresholdRelation relation, ThresholdAnalysis analysis) {
        StringBuilder h = new StringBuilder();
        long campaigns = rows.stream().map(ResultRow::campaignId).distinct().count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ssal experiment report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
                .append("th{background:#eee}td.l,th.l{text-align:left}img{max-width:100%;border:1px solid #ddd}</style>\n")
                .append("</head><body>\n<h1>ssal experiment report</h1>\n<p>")
                .append(rows.size()).append(" evaluated rounds from ").append(campaigns).append(" campaigns, ")
                .append(curves.size()).append(" learning curves.</p>\n");

        h.append("<h2>Learning curves</h2>\n<p>Mean test accuracy over seeds with a ±1 std band; SSL solid, no SSL dashed.</p>\n");
        plots.keySet().forEach(p -> h.append("<p><img src=\"").append(esc(p.getFileName().toString()))
                .append("\" alt=\"learning curves ").append(esc(p.getFileName().toString())).append("\"></p>\n"));

        h.append("<h2>Final accuracy</h2>\n<table><tr><th class=l>dataset</th><th>classes</th><th>initial</th>")
                .append("<th class=l>strategy</th><th class=l>SSL</th><th>labels</th><th>accuracy (%)</th><th>seeds</th></tr>\n");
        for (Curve c : curves) {
            CurvePoint last = c.last();
            h.append("<tr><td class=l>").append(esc(c.key().dataset())).append("</td><td>").append(c.numClasses())
                    .append("</td><td>").append(NumberText.percentExact(c.key().initialFraction())).append("</td><td class=l>")
                    .append(esc(c.key().strategy())).append("</td><td class=l>").append(c.key().ssl() ? "yes" : "no")
                    .append("</td><td>").append(last.labeled()).append("</td><td>").append(NumberText.percentOneDecimal(last.mean()))
                    .append(Double.isNaN(last.std()) ? "" : " ± " + NumberText.percentOneDecimal(last.std()))
                    .append("</td><td>").append(last.n()).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Where active learning overtakes random</h2>\n<p>Threshold: the smallest number of labels from which ")
                .append("the strategy beats random at that budget and at every larger one, each time with a one-sided paired ")
                .append("t-test over seeds (strategy − random, n − 1 df) at p &lt; ").append(NumberText.significant(analysis.alpha()))
                .append(". Shown in labels per class; “≤” marks a crossing at the first tested budget.</p>\n")
                .append("<table><tr><th class=l>dataset</th><th>classes</th><th>initial</th><th class=l>SSL</th>")
                .append("<th class=l>strategy</th><th class=l>threshold</th><th>last budget</th><th>mean gain (points)</th>")
                .append("<th>p</th><th>seeds</th></tr>\n");
        for (Threshold t : thresholds) {
            h.append("<tr><td class=l>").append(esc(t.key().dataset())).append("</td><td>").append(t.numClasses())
                    .append("</td><td>").append(NumberText.percentExact(t.key().initialFraction())).append("</td><td class=l>")
                    .append(t.key().ssl() ? "yes" : "no").append("</td><td class=l>").append(esc(t.key().strategy()))
                    .append("</td><td class=l>").append(esc(t.describe())).append("</td>");
            Optional<PairedComparison> last = t.comparisons().isEmpty() ? Optional.empty()
                    : Optional.of(t.comparisons().get(t.comparisons().size() - 1));
            if (last.isPresent()) {
                PairedComparison c = last.get();
                h.append("<td>").append(c.labeled()).append("</td><td>").append(NumberText.percentOneDecimal(c.meanDifference()))
                        .append("</td><td>").append(pValue(c.pValue()))
                        .append("</td><td>").append(c.n()).append("</td>");
            } else {
                h.append("<td>–</td><td>–</td><td>–</td><td>–</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Threshold against number of classes</h2>\n<p>One point per dataset (SSL cells, smallest threshold ")
                .append("over strategies and initial fractions): ").append(esc(relation.describe())).append(".");
        if (!relation.datasetsNeverInRange().isEmpty()) {
            h.append(" Never in range: ").append(esc(String.join(", ", relation.datasetsNeverInRange()))).append('.');
        }
        h.append("</p>\n<p><img src=\"").append(THRESHOLD_PLOT).append("\" alt=\"threshold against number of classes\"></p>\n");
        if (!relation.points().isEmpty()) {
            h.append("<table><tr><th class=l>dataset</th><th>classes</th><th>threshold (labels/class)</th>")
                    .append("<th class=l>first to cross</th></tr>\n");
            for (ThresholdRelation.Point p : relation.points()) {
                h.append("<tr><td class=l>").append(esc(p.dataset())).append("</td><td>").append(p.classes())
                        .append("</td><td>").append(p.atMost() ? "≤ " : "").append(NumberText.significant(p.labelsPerClass()))
                        .append("</td><td class=l>").append(esc(p.strategy())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Advisor</h2>\n<p>Rule: predict the threshold for the number of classes from the relation above; ")
                .append("sample at random while the labels held are below threshold × classes, then use ")
                .append(esc(relation.bestStrategy().orElse("random (no AL strategy crossed)"))).append(".</p>\n<ul>\n");
        Map<String, int[]> datasets = new TreeMap<>();
        for (Curve c : curves) {
            datasets.merge(c.key().dataset(), new int[] {c.numClasses(), c.last().labeled()},
                    (a, b) -> new int[] {a[0], Math.max(a[1], b[1])});
        }
        datasets.forEach((dataset, v) -> h.append("<li><b>").append(esc(dataset)).append(", ").append(v[1])
                .append(" labels:</b> ").append(esc(Advisor.advise(v[0], v[1], relation).reason())).append("</li>\n"));
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    /** "–" when untestable, "0" when every seed moved by the same amount, else 3 significant digits. */
    private static String pValue(double p) {
        return Double.isNaN(p) ? "–" : p == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.3g", p);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
