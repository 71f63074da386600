package org.ssal.tools.report;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ssal.learning.advice.Curve;
import org.ssal.learning.advice.CurvePoint;
import org.ssal.learning.advice.NumberText;

/**
 * Learning-curve plots as PNG, drawn with Java2D: test accuracy against the number of labels, one
 * colour per strategy, the mean over seeds as a line with a ±1 std band, SSL curves solid and
 * no-SSL curves dashed, as in the paper's figures.
 */
public final class CurvePlot {
    public static final int WIDTH = 960;
    public static final int HEIGHT = 580;
    private static final float BAND_ALPHA = 0.16f;

    private CurvePlot() {
    }

    /** Draws the curves (normally those of one dataset and initial fraction) on one chart. */
    public static BufferedImage render(List<Curve> curves, String title, int width, int height) {
        if (curves == null || curves.isEmpty()) {
            throw new IllegalArgumentException("curves must not be empty, got " + curves);
        }
        double xLow = Double.POSITIVE_INFINITY;
        double xHigh = Double.NEGATIVE_INFINITY;
        double yLow = Double.POSITIVE_INFINITY;
        double yHigh = Double.NEGATIVE_INFINITY;
        int maxSeeds = 0;
        for (Curve c : curves) {
            for (CurvePoint p : c.points()) {
                double spread = Double.isNaN(p.std()) ? 0 : p.std();
                xLow = Math.min(xLow, p.labeled());
                xHigh = Math.max(xHigh, p.labeled());
                yLow = Math.min(yLow, p.mean() - spread);
                yHigh = Math.max(yHigh, p.mean() + spread);
                maxSeeds = Math.max(maxSeeds, p.n());
            }
        }
        PlotFrame frame = new PlotFrame(width, height, xLow, xHigh, Math.max(0, yLow), Math.min(1, yHigh));
        frame.drawAxes(title, "number of labels", "test accuracy (%)", NumberText::significant, y -> NumberText.significant(100 * y));
        Shape clip = frame.clipToPlot();
        Composite opaque = frame.g.getComposite();
        frame.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, BAND_ALPHA));
        for (Curve c : curves) {
            frame.g.setColor(StrategyColours.of(c.key().strategy()));
            frame.g.fill(band(frame, c));
        }
        frame.g.setComposite(opaque);
        for (Curve c : curves) {
            Color colour = StrategyColours.of(c.key().strategy());
            frame.g.setColor(colour);
            frame.g.setStroke(c.key().ssl() ? PlotFrame.SOLID : PlotFrame.DASHED);
            frame.g.draw(meanLine(frame, c));
            for (CurvePoint p : c.points()) {
                frame.g.fill(new Ellipse2D.Double(frame.px(p.labeled()) - 3, frame.py(p.mean()) - 3, 6, 6));
            }
        }
        frame.g.setClip(clip);
        legend(frame, curves, maxSeeds);
        frame.g.dispose();
        return frame.image;
    }

    /** Writes {@link #render} at the default size as a PNG. */
    public static Path write(Path file, List<Curve> curves, String title) {
        BufferedImage image = render(curves, title, WIDTH, HEIGHT);
        PlotFrame.writeImage(image, file);
        return file;
    }

    /**
     * One PNG per dataset, named {@code curves-<dataset>.png}; a dataset run at several initial
     * fractions gets one per fraction ({@code curves-<dataset>-<fraction>.png}), since curves
     * starting at 0.1 % and at 10 % of the pool do not share an x range worth drawing.
     *
     * @return the files written, with the curves each shows
     */
    public static Map<Path, List<Curve>> writePerDataset(Path directory, List<Curve> curves) {
        Map<String, Map<Double, List<Curve>>> groups = new LinkedHashMap<>();
        curves.stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(c -> groups
                .computeIfAbsent(c.key().dataset(), d -> new LinkedHashMap<>())
                .computeIfAbsent(c.key().initialFraction(), f -> new ArrayList<>()).add(c));
        Map<Path, List<Curve>> written = new LinkedHashMap<>();
        groups.forEach((dataset, byFraction) -> byFraction.forEach((fraction, group) -> {
            String name = "curves-" + FileNames.safe(dataset)
                    + (byFraction.size() > 1 ? "-" + FileNames.safe(NumberText.percentExact(fraction).replace("%", "pct")) : "")
                    + ".png";
            String title = dataset + " (" + group.get(0).numClasses() + " classes), initial labeled "
                    + NumberText.percentExact(fraction) + ": accuracy vs labels";
            written.put(write(directory.resolve(name), group, title), group);
        }));
        return written;
    }

    private static Path2D meanLine(PlotFrame frame, Curve c) {
        Path2D.Double line = new Path2D.Double();
        List<CurvePoint> points = c.points();
        line.moveTo(frame.px(points.get(0).labeled()), frame.py(points.get(0).mean()));
        for (CurvePoint p : points.subList(1, points.size())) {
            line.lineTo(frame.px(p.labeled()), frame.py(p.mean()));
        }
        return line;
    }

    private static Path2D band(PlotFrame frame, Curve c) {
        Path2D.Double band = new Path2D.Double();
        List<CurvePoint> points = c.points();
        for (int i = 0; i < points.size(); i++) {
            CurvePoint p = points.get(i);
            double y = frame.py(p.mean() + spread(p));
            if (i == 0) {
                band.moveTo(frame.px(p.labeled()), y);
            } else {
                band.lineTo(frame.px(p.labeled()), y);
            }
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            CurvePoint p = points.get(i);
            band.lineTo(frame.px(p.labeled()), frame.py(p.mean() - spread(p)));
        }
        band.closePath();
        return band;
    }

    private static double spread(CurvePoint p) {
        return Double.isNaN(p.std()) ? 0 : p.std();
    }

    private static void legend(PlotFrame frame, List<Curve> curves, int maxSeeds) {
        TreeSet<String> strategies = new TreeSet<>();
        boolean anySsl = false;
        boolean anyBaseline = false;
        for (Curve c : curves) {
            strategies.add(c.key().strategy());
            anySsl |= c.key().ssl();
            anyBaseline |= !c.key().ssl();
        }
        for (String s : strategies) {
            frame.legend(StrategyColours.of(s), PlotFrame.SOLID, s);
        }
        frame.legendGap();
        if (anySsl) {
            frame.legend(Color.GRAY, PlotFrame.SOLID, "SSL");
        }
        if (anyBaseline) {
            frame.legend(Color.GRAY, PlotFrame.DASHED, "no SSL");
        }
        frame.legendGap();
        frame.legend(Color.BLACK, null, "band: mean ± std");
        frame.legend(Color.BLACK, null, "over up to " + maxSeeds + (maxSeeds == 1 ? " seed" : " seeds"));
    }
}
