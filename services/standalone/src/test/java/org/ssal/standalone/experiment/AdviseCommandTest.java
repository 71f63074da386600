package org.ssal.standalone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.analysis.ResultRow;
import org.ssal.learning.analysis.ResultsCsv;

class AdviseCommandTest {
    @TempDir
    Path dir;

    /** Entropy loses to random below 20 labels per class and wins from there on, on every seed. */
    private void writeResults() throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            for (int round = 0; round < 6; round++) {
                int labeled = 50 + 50 * round; // 5 .. 30 per class
                double random = 0.5 + 0.01 * round + 0.001 * seed;
                double gain = labeled >= 200 ? 0.03 + 0.002 * seed : -0.03 - 0.002 * seed;
                rows.add(new ResultRow("toy", 10, "random", true, 0.01, seed, "r" + seed, round, labeled, random));
                rows.add(new ResultRow("toy", 10, "entropy", true, 0.01, seed, "e" + seed, round, labeled, random + gain));
            }
        }
        ResultsCsv.write(dir.resolve("rows.csv"), rows);
    }

    private String advise(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, AdviseCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAdviseRandomBelowAndActiveLearningAboveTheThresholdOfTheUsersResults() throws Exception {
        writeResults();
        String below = advise("--classes", "10", "--budget", "120", "--results", dir.toString());
        assertTrue(below.startsWith("random"), below);
        assertTrue(below.contains("20"), "names the threshold: " + below);
        String above = advise("--classes", "10", "--budget", "400", "--results", dir.toString());
        assertTrue(above.startsWith("entropy"), above);
    }

    @Test
    void shouldNameABadOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> advise("--classes", "ten", "--budget", "5"));
        assertTrue(e.getMessage().contains("--classes") && e.getMessage().contains("ten"), e.getMessage());
    }
}
