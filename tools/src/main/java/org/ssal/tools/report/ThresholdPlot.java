package org.ssal.tools.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import org.ssal.learning.advice.LinearFit;
import org.ssal.learning.advice.NumberText;
import org.ssal.learning.advice.ThresholdRelation;

/**
 * The paper's relation as a PNG: threshold (labels per class from which AL beats random) against
 * the number of classes, one point per dataset, the least-squares line, and r in the title.
 */
public final class ThresholdPlot {
    public static final int WIDTH = 860;
    public static final int HEIGHT = 540;
    private static final Color POINT = new Color(0, 114, 178);
    private static final Color LINE = new Color(213, 94, 0);

    private ThresholdPlot() {
    }

    public static BufferedImage render(ThresholdRelation relation, int width, int height) {
        double xHigh = 10;
        double yHigh = 1;
        for (ThresholdRelation.Point p : relation.points()) {
            xHigh = Math.max(xHigh, p.classes() * 1.08);
            yHigh = Math.max(yHigh, p.labelsPerClass() * 1.1);
        }
        Optional<LinearFit> fit = relation.line();
        if (fit.isPresent()) {
            yHigh = Math.max(yHigh, fit.get().at(xHigh) * 1.05);
        }
        PlotFrame frame = new PlotFrame(width, height, 0, xHigh, 0, yHigh);
        String title = "AL-over-random threshold vs classes: "
                + (fit.isEmpty() ? "no threshold measured" : fit.get().describeCorrelation());
        frame.drawAxes(title, "number of classes", "threshold (labels per class)", NumberText::significant, NumberText::significant);
        Shape clip = frame.clipToPlot();
        if (fit.isPresent()) {
            LinearFit l = fit.get();
            frame.g.setColor(LINE);
            frame.g.setStroke(l.slopeMeasured() ? PlotFrame.SOLID : PlotFrame.DASHED);
            frame.g.draw(new Line2D.Double(frame.px(frame.xMin()), frame.py(l.at(frame.xMin())),
                    frame.px(frame.xMax()), frame.py(l.at(frame.xMax()))));
        }
        for (ThresholdRelation.Point p : relation.points()) {
            double x = frame.px(p.classes());
            double y = frame.py(p.labelsPerClass());
            frame.g.setColor(POINT);
            frame.g.fill(new Ellipse2D.Double(x - 5, y - 5, 10, 10));
            frame.g.setColor(Color.BLACK);
            frame.g.setStroke(new BasicStroke(1f));
            frame.g.draw(new Ellipse2D.Double(x - 5, y - 5, 10, 10));
        }
        frame.g.setClip(clip);
        // labels after un-clipping, turned to the left of their point where they would leave the plot
        frame.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = frame.g.getFontMetrics();
        for (ThresholdRelation.Point p : relation.points()) {
            String label = (p.atMost() ? "≤ " : "") + p.dataset() + " (" + p.strategy() + ")";
            double x = frame.px(p.classes());
            double y = frame.py(p.labelsPerClass());
            double textX = x + 8 + fm.stringWidth(label) > frame.plotRight ? x - 8 - fm.stringWidth(label) : x + 8;
            frame.g.drawString(label, (float) textX, (float) y - 8);
        }
        frame.legendDot(POINT, "dataset (strategy)");
        if (fit.isPresent()) {
            LinearFit l = fit.get();
            frame.legend(LINE, l.slopeMeasured() ? PlotFrame.SOLID : PlotFrame.DASHED,
                    l.slopeMeasured() ? "least squares" : "constant (no slope)");
            frame.legendGap();
            frame.legend(Color.BLACK, null, "a = " + NumberText.significant(l.intercept()));
            frame.legend(Color.BLACK, null, "b = " + NumberText.significant(l.slope()) + " per class");
        }
        if (!relation.datasetsNeverInRange().isEmpty()) {
            frame.legendGap();
            frame.legend(Color.BLACK, null, "never in range:");
            relation.datasetsNeverInRange().forEach(d -> frame.legend(Color.BLACK, null, "  " + d));
        }
        frame.g.dispose();
        return frame.image;
    }

    public static Path write(Path file, ThresholdRelation relation) {
        PlotFrame.writeImage(render(relation, WIDTH, HEIGHT), file);
        return file;
    }
}
