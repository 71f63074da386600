package org.ssal.standalone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.ResultsCsv;
import picocli.CommandLine;

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

    private final StringWriter err = new StringWriter();

    private int run(StringWriter out, String... args) {
        return new CommandLine(new AdviseCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private String advise(String... args) {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, args), err.toString());
        return out.toString();
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
        assertEquals(2, run(new StringWriter(), "--classes", "ten", "--budget", "5"));
        assertTrue(err.toString().contains("--classes") && err.toString().contains("ten"), err.toString());
    }

    @Test
    void shouldRefuseACountThatIsNotPositive() {
        assertEquals(2, run(new StringWriter(), "--classes", "10", "--budget", "0"));
        assertTrue(err.toString().contains("--budget") && err.toString().contains("'0'"), err.toString());
    }

    @Test
    void shouldRequireClassesAndBudget() {
        assertEquals(2, run(new StringWriter(), "--classes", "10"));
        assertTrue(err.toString().contains("--budget"), err.toString());
    }

    @Test
    void shouldAdviseFromTheBuiltInRelationWithoutResults() {
        String advice = advise("--classes", "10", "--budget", "5000");
        assertTrue(advice.contains("measured by ssal"), advice);
    }
}
