package org.ssal.standalone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad arguments are refused with exit 2 before any process starts or any folder is touched. */
class ChaosCommandTest {
    private final StringWriter err = new StringWriter();

    private int chaos(String... args) {
        CommandLine cl = new CommandLine(new ChaosCommand());
        cl.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldRefuseBadValuesNamingTheOption(@TempDir Path dir) {
        assertEquals(2, chaos("--kills", "0", "--work", dir.resolve("w").toString()));
        assertTrue(err.toString().contains("--kills must be >= 1, got 0"), err.toString());
        assertEquals(2, chaos("--targets", "scorer,zookeeper", "--work", dir.resolve("w").toString()));
        assertTrue(err.toString().contains("--targets: unknown target 'zookeeper'"), err.toString());
        assertEquals(2, chaos("--apps", dir.toString(), "--work", dir.resolve("w").toString()));
        assertTrue(err.toString().contains("--apps " + dir), err.toString());
        assertFalse(Files.exists(dir.resolve("w")), "no work folder made for a refused run");
    }

    @Test
    void shouldEmptyOnlyAWorkFolderAChaosRunMade(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("own");
        ChaosCommand.prepare(own);
        Files.writeString(own.resolve("broker.1.log"), "old");
        ChaosCommand.prepare(own);
        assertFalse(Files.exists(own.resolve("broker.1.log")), "an earlier run's files are removed");
        assertTrue(Files.exists(own.resolve(ChaosCommand.MARKER)));

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "keep me");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ChaosCommand.prepare(foreign));
        assertTrue(e.getMessage().startsWith("--work " + foreign + " is not empty"), e.getMessage());
        assertTrue(Files.exists(foreign.resolve("thesis.tex")));
    }
}
