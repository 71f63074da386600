package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ExportCommandTest {
    @Test
    void shouldTakeAHomeCampaignAndFile() {
        ExportCommand export = parse("--home", "/srv/ssal", "--campaign", "c1", "--out", "c1.avro");
        assertEquals(Path.of("/srv/ssal"), export.source.home);
        assertNull(export.source.kafka);
        assertEquals("c1", export.campaign);
        assertEquals(Path.of("c1.avro"), export.out);
        assertFalse(export.withArtifacts, "manifest only unless asked");
        assertNull(export.artifacts);
    }

    @Test
    void shouldTakeAClusterAndArtifactOptions() {
        ExportCommand export = parse("--kafka", "k:9092", "--campaign", "c1", "--out", "c1.avro", "--with-artifacts",
                "--artifacts", "/srv/artifacts");
        assertEquals("k:9092", export.source.kafka);
        assertTrue(export.withArtifacts);
        assertEquals(Path.of("/srv/artifacts"), export.artifacts);
    }

    @Test
    void shouldRefuseBothHomeAndKafka() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> parse("--home", "/h", "--kafka", "k:9092", "--campaign", "c1", "--out", "f"));
        assertTrue(e.getMessage().contains("--home") && e.getMessage().contains("--kafka"), e.getMessage());
    }

    @Test
    void shouldNameAMissingCampaign() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--kafka", "k:9092", "--out", "f"));
        assertTrue(e.getMessage().contains("--campaign"), e.getMessage());
    }

    @Test
    void shouldExitTwoNamingAnUnknownOptionAndItsValue() {
        StringWriter err = new StringWriter();
        int code = SsalMain.commandLine().setErr(new PrintWriter(err))
                .execute("export", "--kafka", "k:9092", "--campaign", "c1", "--out", "f", "--format", "json");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--format") && err.toString().contains("json"), err.toString());
    }

    private static ExportCommand parse(String... args) {
        ExportCommand export = new ExportCommand();
        new CommandLine(export).parseArgs(args);
        return export;
    }
}
