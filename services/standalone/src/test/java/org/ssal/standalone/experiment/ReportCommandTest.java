package org.ssal.standalone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.ResultsCsv;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int report(String... args) {
        return new CommandLine(new ReportCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void shouldWriteTheReportOfAResultsFolder() {
        List<ResultRow> rows = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            for (int round = 0; round < 3; round++) {
                rows.add(new ResultRow("toy", 10, "random", true, 0.01, seed, "r" + seed, round, 50 + 50 * round, 0.5 + 0.01 * round));
            }
        }
        ResultsCsv.write(dir.resolve(GridResults.ROWS), rows);
        assertEquals(0, report("--results", dir.toString()), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(out.toString().contains("report written to"), out.toString());
    }

    @Test
    void shouldRequireTheResultsFolder() {
        assertEquals(2, report());
        assertTrue(err.toString().contains("--results"), err.toString());
    }
}
