package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    @Test
    void shouldAverageSeedsAtEachBudgetWithSampleStd() {
        List<ResultRow> rows = List.of(
                Rows.row("d", 10, "entropy", true, 1, 0, 100, 0.50),
                Rows.row("d", 10, "entropy", true, 2, 0, 100, 0.60),
                Rows.row("d", 10, "entropy", true, 3, 0, 100, 0.70),
                Rows.row("d", 10, "entropy", true, 1, 1, 200, 0.80),
                Rows.row("d", 10, "entropy", true, 2, 1, 200, 0.84));
        List<Curve> curves = LearningCurves.of(rows);
        assertEquals(1, curves.size());
        Curve c = curves.get(0);
        assertEquals(new CurveKey("d", "entropy", true, 0.01), c.key());
        assertEquals(List.of(100, 200), c.points().stream().map(CurvePoint::labeled).toList());
        CurvePoint first = c.points().get(0);
        assertEquals(0.60, first.mean(), 1e-12);
        // sample std of 0.5, 0.6, 0.7: sqrt((0.01 + 0 + 0.01) / 2) = 0.1
        assertEquals(0.1, first.std(), 1e-12);
        assertEquals(3, first.n());
        CurvePoint second = c.points().get(1);
        assertEquals(0.82, second.mean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.02 * 0.02), second.std(), 1e-12);
        assertEquals(2, second.n());
    }

    @Test
    void shouldGiveNaNStdWhenASingleSeedReachedTheBudget() {
        Curve c = LearningCurves.of(List.of(Rows.row("d", 10, "random", true, 1, 0, 100, 0.5))).get(0);
        assertEquals(1, c.last().n());
        assertTrue(Double.isNaN(c.last().std()));
    }

    @Test
    void shouldSeparateCurvesByStrategySslAndFraction() {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(Rows.row("d", 10, "random", true, 1, 0, 100, 0.5));
        rows.add(Rows.row("d", 10, "random", false, 1, 0, 100, 0.3));
        rows.add(Rows.row("d", 10, "entropy", true, 1, 0, 100, 0.4));
        rows.add(new ResultRow("d", 10, "random", true, 0.1, 1, "x", 0, 100, 0.45));
        List<Curve> curves = LearningCurves.of(rows);
        assertEquals(4, curves.size());
        // order: fraction, SSL first, strategy
        assertEquals(List.of("d entropy SSL 1%", "d random SSL 1%", "d random no-SSL 1%", "d random SSL 10%"),
                curves.stream().map(c -> c.key().toString()).toList());
    }

    @Test
    void shouldCountAReplayedRowOnceAndRejectAConflictingOne() {
        ResultRow row = Rows.row("d", 10, "random", true, 1, 0, 100, 0.5);
        assertEquals(1, LearningCurves.of(List.of(row, row)).get(0).last().n());
        ResultRow other = Rows.row("d", 10, "random", true, 1, 3, 100, 0.55);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningCurves.of(List.of(row, other)));
        assertTrue(e.getMessage().contains("seed 1") && e.getMessage().contains("100 labels"), e.getMessage());
    }

    @Test
    void shouldRejectTwoClassCountsForOneDataset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningCurves.of(List.of(
                Rows.row("d", 10, "random", true, 1, 0, 100, 0.5),
                Rows.row("d", 100, "random", true, 2, 0, 100, 0.5))));
        assertTrue(e.getMessage().contains("numClasses"), e.getMessage());
    }
}
