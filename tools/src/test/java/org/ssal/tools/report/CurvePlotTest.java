package org.ssal.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.advice.Curve;
import org.ssal.learning.advice.GridFixture;
import org.ssal.learning.advice.LearningCurves;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.Rows;
import org.ssal.learning.advice.ThresholdAnalysis;
import org.ssal.learning.advice.ThresholdRelation;

class CurvePlotTest {

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    static long pixelsOf(BufferedImage image, Color colour) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void shouldWriteOneDecodablePngPerDatasetWithEveryStrategyColour(@TempDir Path dir) throws Exception {
        List<Curve> curves = LearningCurves.of(GridFixture.rows());
        Map<Path, List<Curve>> written = CurvePlot.writePerDataset(dir, curves);
        assertEquals(List.of("curves-cifar10.png", "curves-cifar100.png", "curves-tiny-imagenet.png"),
                written.keySet().stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : written.keySet()) {
            assertTrue(Files.size(file) > 0);
            BufferedImage image = ImageIO.read(file.toFile());
            assertEquals(CurvePlot.WIDTH, image.getWidth());
            assertEquals(CurvePlot.HEIGHT, image.getHeight());
            assertTrue(distinctColours(image) > 50, "distinct colours: " + distinctColours(image));
            for (String strategy : List.of("random", "entropy", "kcenter")) {
                assertTrue(pixelsOf(image, StrategyColours.of(strategy)) > 100, strategy + " colour missing in " + file);
            }
        }
    }

    @Test
    void shouldDrawDashedCurvesWithFewerPixelsThanSolidOnes() {
        List<Curve> ssl = LearningCurves.of(GridFixture.rows()).stream()
                .filter(c -> c.key().dataset().equals("cifar10") && c.key().strategy().equals("entropy")).toList();
        BufferedImage solid = CurvePlot.render(ssl.stream().filter(c -> c.key().ssl()).toList(), "t", 600, 400);
        BufferedImage dashed = CurvePlot.render(ssl.stream().filter(c -> !c.key().ssl()).toList(), "t", 600, 400);
        long solidPixels = pixelsOf(solid, StrategyColours.of("entropy"));
        long dashedPixels = pixelsOf(dashed, StrategyColours.of("entropy"));
        assertTrue(dashedPixels < solidPixels, "dashed " + dashedPixels + " vs solid " + solidPixels);
    }

    @Test
    void shouldSplitByInitialFractionWhenADatasetHasSeveral(@TempDir Path dir) {
        List<ResultRow> rows = List.of(
                new ResultRow("d", 10, "random", true, 0.001, 1, "a", 0, 10, 0.3),
                new ResultRow("d", 10, "random", true, 0.1, 1, "b", 0, 1000, 0.8));
        Map<Path, List<Curve>> written = CurvePlot.writePerDataset(dir, LearningCurves.of(rows));
        assertEquals(List.of("curves-d-0.1pct.png", "curves-d-10pct.png"),
                written.keySet().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void shouldWriteADecodableThresholdPlot(@TempDir Path dir) throws Exception {
        ThresholdRelation relation = ThresholdRelation.fit(
                ThresholdAnalysis.defaults().thresholds(LearningCurves.of(GridFixture.rows())));
        Path file = ThresholdPlot.write(dir.resolve("t.png"), relation);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(ThresholdPlot.WIDTH, image.getWidth());
        assertEquals(ThresholdPlot.HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 20);
        assertTrue(pixelsOf(image, new Color(0, 114, 178)) > 50, "point colour missing");
    }

    @Test
    void shouldRenderASingleSeedSinglePointCurveAndAnEmptyRelation() {
        List<Curve> one = LearningCurves.of(List.of(Rows.row("d", 10, "entropy", true, 1, 0, 100, 0.5)));
        BufferedImage curve = CurvePlot.render(one, "one point", 400, 300);
        assertTrue(pixelsOf(curve, StrategyColours.of("entropy")) > 10, "the point is drawn");
        ThresholdRelation empty = ThresholdRelation.fit(List.of());
        BufferedImage relation = ThresholdPlot.render(empty, 400, 300);
        assertEquals(400, relation.getWidth());
        assertTrue(distinctColours(relation) > 2);
    }
}
