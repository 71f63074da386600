package org.ssal.tools.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A white canvas with a title, a plot area with "nice" ticks (1, 2 or 5 × 10^k), axis labels and a
 * legend column on the right, shared by {@link CurvePlot} and {@link ThresholdPlot}.
 */
final class PlotFrame {
    static final Stroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 6f}, 0f);
    private static final int LEFT = 78;
    private static final int TOP = 48;
    private static final int BOTTOM = 58;
    private static final int LEGEND_WIDTH = 200;

    final BufferedImage image;
    final Graphics2D g;
    final int plotLeft;
    final int plotTop;
    final int plotRight;
    final int plotBottom;
    private final double[] xTicks;
    private final double[] yTicks;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private int legendY;

    PlotFrame(int width, int height, double xLow, double xHigh, double yLow, double yHigh) {
        if (width < 300 || height < 200) {
            throw new IllegalArgumentException("plot size must be at least 300x200, got " + width + "x" + height);
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        plotLeft = LEFT;
        plotTop = TOP;
        plotRight = width - LEGEND_WIDTH;
        plotBottom = height - BOTTOM;
        xTicks = niceTicks(xLow, xHigh, 8);
        yTicks = niceTicks(yLow, yHigh, 7);
        xMin = xTicks[0];
        xMax = xTicks[xTicks.length - 1];
        yMin = yTicks[0];
        yMax = yTicks[yTicks.length - 1];
        legendY = plotTop + 6;
    }

    double px(double x) {
        return plotLeft + (x - xMin) / (xMax - xMin) * (plotRight - plotLeft);
    }

    double py(double y) {
        return plotBottom - (y - yMin) / (yMax - yMin) * (plotBottom - plotTop);
    }

    double xMin() {
        return xMin;
    }

    double xMax() {
        return xMax;
    }

    /** Grid lines, axes, tick labels, axis labels and title. */
    void drawAxes(String title, String xLabel, String yLabel, DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double x : xTicks) {
            int p = (int) Math.round(px(x));
            g.setColor(new Color(232, 232, 232));
            g.drawLine(p, plotTop, p, plotBottom);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(p, plotBottom, p, plotBottom + 5);
            String s = xFormat.apply(x);
            g.drawString(s, p - fm.stringWidth(s) / 2, plotBottom + 7 + fm.getAscent());
        }
        for (double y : yTicks) {
            int p = (int) Math.round(py(y));
            g.setColor(new Color(232, 232, 232));
            g.drawLine(plotLeft, p, plotRight, p);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(plotLeft - 5, p, plotLeft, p);
            String s = yFormat.apply(y);
            g.drawString(s, plotLeft - 8 - fm.stringWidth(s), p + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        g.drawString(xLabel, (plotLeft + plotRight - fm.stringWidth(xLabel)) / 2, image.getHeight() - 14);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(plotTop + plotBottom + fm.stringWidth(yLabel)) / 2, 22);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        fm = g.getFontMetrics();
        String shown = fit(title, image.getWidth() - 20, fm);
        g.drawString(shown, (image.getWidth() - fm.stringWidth(shown)) / 2, 30);
    }

    /** Clips drawing to the plot area, so a band or line never paints over the axes. */
    Shape clipToPlot() {
        Shape old = g.getClip();
        g.clipRect(plotLeft + 1, plotTop + 1, plotRight - plotLeft - 1, plotBottom - plotTop - 1);
        return old;
    }

    /** One legend line: a short stroke sample in the colour (or none if stroke is null) and the text. */
    void legend(Color colour, Stroke stroke, String text) {
        int x = plotRight + 16;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        if (stroke != null) {
            g.setColor(colour);
            g.setStroke(stroke);
            g.drawLine(x, legendY + fm.getAscent() / 2, x + 30, legendY + fm.getAscent() / 2);
        }
        g.setColor(Color.BLACK);
        g.drawString(fit(text, image.getWidth() - x - 44, fm), x + (stroke == null ? 0 : 38), legendY + fm.getAscent());
        legendY += fm.getHeight() + 4;
    }

    /** One legend line with a round marker, as for scatter points. */
    void legendDot(Color colour, String text) {
        int x = plotRight + 16;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(colour);
        g.fillOval(x + 10, legendY + fm.getAscent() / 2 - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(fit(text, image.getWidth() - x - 44, fm), x + 38, legendY + fm.getAscent());
        legendY += fm.getHeight() + 4;
    }

    void legendGap() {
        legendY += 8;
    }

    static void writeImage(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String fit(String text, int width, FontMetrics fm) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }

    /** Ticks covering [low, high] at a step of 1, 2 or 5 × 10^k, at most about {@code maxTicks}. */
    static double[] niceTicks(double low, double high, int maxTicks) {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("tick range must be finite with low <= high, got [" + low + ", " + high + "]");
        }
        if (low == high) {
            double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        double rough = (high - low) / (maxTicks - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude * 10;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= rough) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.floor(low / step + 1e-9) * step;
        double last = Math.ceil(high / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; first + i * step <= last + step * 1e-6; i++) {
            // rounding to the step's decimals keeps labels like 0.30000000000000004 away
            ticks.add(Math.round((first + i * step) / step) * step);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
