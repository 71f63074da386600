package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SsalMainTest {
    private static final List<String> COMMANDS =
            List.of("demo", "serve", "token", "export", "chaos", "experiment", "report", "advise", "bench", "probe", "help");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ssal(String... args) {
        CommandLine cl = SsalMain.commandLine();
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldListEveryCommandForHelpAndWithoutArguments() {
        for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[0])) {
            out.getBuffer().setLength(0);
            assertEquals(0, ssal(args));
            for (String command : COMMANDS) {
                assertTrue(out.toString().contains("  " + command + " "), command + " in: " + out);
            }
        }
    }

    @Test
    void shouldPrintTheHelpOfEveryCommand() {
        for (String command : COMMANDS) {
            assertEquals(0, ssal(command, "--help"), command + ": " + err);
            assertTrue(out.toString().contains("Usage: ssal " + command), command + ": " + out);
        }
        assertEquals(0, ssal("help", "advise"));
        assertTrue(out.toString().contains("--classes"), out.toString());
    }

    @Test
    void shouldPrintTheHelpOfABenchmark() {
        assertEquals(0, ssal("bench", "kcenter", "--help"));
        assertTrue(out.toString().contains("Usage: ssal bench kcenter"), out.toString());
        assertTrue(out.toString().contains("Default: 60000"), out.toString());
    }

    @Test
    void shouldExitWith2OnAnUnknownCommandOrABadValue() {
        assertEquals(2, ssal("train"));
        assertTrue(err.toString().contains("train"), err.toString());
        assertEquals(2, ssal("bench", "kcenter", "--n", "many"));
        assertTrue(err.toString().contains("--n") && err.toString().contains("many"), err.toString());
        assertEquals(2, ssal("bench"));
    }

    @Test
    void shouldReportAFailureInOneLineWithExitCode1(@TempDir Path empty) {
        assertEquals(1, ssal("report", "--results", empty.toString()));
        assertTrue(err.toString().startsWith("ssal: cannot read"), err.toString());
    }
}
