package org.ssal.standalone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ExperimentCommandTest {
    private static ExperimentCommand parse(String... args) {
        ExperimentCommand command = new ExperimentCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldDefaultToTheResultsFolderAndAnHourPerCell() {
        ExperimentCommand c = parse("--grid", "g.yaml");
        assertEquals(Path.of("g.yaml"), c.grid);
        assertEquals(Path.of("results"), c.results);
        assertEquals(60, c.cellTimeoutMinutes);
        assertNull(c.dataDir);
        assertNull(c.kafka);
    }

    @Test
    void shouldTakeItsOptions() {
        ExperimentCommand c = parse("--grid", "g.yaml", "--results", "r", "--data", "d", "--kafka", "k:1",
                "--cell-timeout-min", "5");
        assertEquals(Path.of("r"), c.results);
        assertEquals(Path.of("d"), c.dataDir);
        assertEquals("k:1", c.kafka);
        assertEquals(5, c.cellTimeoutMinutes);
    }

    @Test
    void shouldRequireAGridAndNameABadValue() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--results", "r"));
        assertTrue(e.getMessage().contains("--grid"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--grid", "g.yaml", "--cell-timeout-min", "soon"));
        assertTrue(e.getMessage().contains("--cell-timeout-min") && e.getMessage().contains("soon"), e.getMessage());
    }
}
