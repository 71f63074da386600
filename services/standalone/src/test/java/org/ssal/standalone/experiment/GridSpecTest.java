package org.ssal.standalone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSpecTest {
    @TempDir
    Path dir;

    private GridSpec parse(String yaml) throws Exception {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, yaml);
        return GridSpec.read(file);
    }

    @Test
    void shouldExpandTheCartesianProductWithItsOwnBaselineSubset() throws Exception {
        GridSpec grid = parse("""
                seeds: [1, 2, 3]
                strategies: [random, entropy, kcenter]
                ssl: [true, false]
                initialFractions: [0.01, 0.1]
                baselineStrategies: [random]
                baselineSeeds: [1]
                baselineEpochs: 4
                datasets:
                  - {name: synthetic, poolSize: 1000, testSize: 100, batchSize: 10, budget: 200}
                """);
        List<GridSpec.Cell> cells = grid.cells(GridSpec.DatasetEntry::poolSize);
        // SSL: 2 fractions x 3 strategies x 3 seeds; no SSL: 2 fractions x 1 x 1
        assertEquals(18 + 2, cells.size());
        assertEquals(cells.size(), new HashSet<>(cells.stream().map(GridSpec.Cell::key).toList()).size(), "keys unique");
        GridSpec.Cell baseline = cells.stream().filter(c -> !c.ssl()).findFirst().orElseThrow();
        assertEquals("supervised:smallcnn", baseline.encoder());
        assertEquals(4, baseline.pretrainEpochs());
        assertEquals(10, cells.stream().filter(c -> c.initialFraction() == 0.01).findFirst().orElseThrow().initialSize());
    }

    @Test
    void shouldGiveADatasetEntryItsOwnEncoderAndKeepTheGridsForTheOthersAndTheBaseline() throws Exception {
        GridSpec grid = parse("""
                encoder: pixels
                ssl: [true, false]
                strategies: [random]
                datasets:
                  - {name: synthetic, label: s-auto, encoder: auto, poolSize: 100, batchSize: 10, budget: 50}
                  - {name: synthetic, label: s-fixed, poolSize: 100, batchSize: 10, budget: 50}
                """);
        List<GridSpec.Cell> cells = grid.cells(d -> 100);
        assertEquals(List.of("s-auto auto", "s-auto supervised:smallcnn", "s-fixed pixels", "s-fixed supervised:smallcnn"),
                cells.stream().map(c -> c.label() + " " + c.encoder()).toList());
        assertEquals(4, cells.stream().map(GridSpec.Cell::key).distinct().count(), "the labels keep the cells apart");
    }

    @Test
    void shouldNameTheProblemInABadGrid() throws Exception {
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class, () -> parse("""
                initialFractions: [1.5]
                datasets: [{name: synthetic, budget: 10, batchSize: 5}]
                """));
        assertTrue(fraction.getMessage().contains("1.5"), fraction.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> parse("""
                strategys: [random]
                datasets: [{name: synthetic, budget: 10, batchSize: 5}]
                """));
        assertTrue(unknown.getMessage().contains("strategys"), unknown.getMessage());
        GridSpec tooSmall = parse("""
                initialFractions: [0.5]
                datasets: [{name: synthetic, poolSize: 100, budget: 10, batchSize: 5}]
                """);
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> tooSmall.cells(GridSpec.DatasetEntry::poolSize));
        assertTrue(budget.getMessage().contains("50 labels, more than its budget 10"), budget.getMessage());
    }

    @Test
    void shouldParseTheCommittedGrids() throws Exception {
        Path experiments = Path.of("../../experiments");
        List<Path> grids;
        try (var files = Files.list(experiments)) {
            grids = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(grids.size() >= 4, grids.toString());
        for (Path file : grids) {
            GridSpec grid = GridSpec.read(file);
            assertTrue(grid.cells(d -> d.poolSize() > 0 ? d.poolSize() : 50_000).size() >= 6, file.toString());
        }
    }
}
