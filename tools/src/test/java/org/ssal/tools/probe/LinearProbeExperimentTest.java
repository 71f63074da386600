package org.ssal.tools.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssal.learning.ssl.SimSiamConfig;
import picocli.CommandLine;

class LinearProbeExperimentTest {

    @Test
    void shouldProbeSnapshotsEverySeedAndPixelsWhenRunOnATinySet() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new LinearProbeExperiment()).execute("--dataset", "synthetic", "--pool", "64",
                    "--test", "32", "--epochs", "2", "--batch", "16", "--labels", "20", "--probe-every", "1",
                    "--model-seeds", "3,4"));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        String[] rows = out.lines().filter(l -> l.startsWith("| ")).toArray(String[]::new);
        // header, per seed: snapshot at epoch 1, final, random init; then pixels; then two summary rows
        assertEquals(1 + 2 * 3 + 1 + 2, rows.length, out);
        assertTrue(Arrays.stream(rows).anyMatch(r -> r.contains("(1 ep, 4 st) s3")), out);
        assertTrue(Arrays.stream(rows).anyMatch(r -> r.contains("random-init:smallcnn s4")), out);
        assertTrue(out.contains("mean ± std over 2 model seeds"), out);
        for (String row : rows) {
            if (!row.contains("features")) {
                String[] cells = row.split("\\|");
                double all = Double.parseDouble(cells[3].trim().split(" ")[0]);
                assertTrue(all >= 0 && all <= 1, row);
            }
        }
    }

    @Test
    void shouldDefaultToTheDocumentedSettings() {
        LinearProbeExperiment probe = new LinearProbeExperiment();
        new CommandLine(probe).parseArgs();
        assertEquals("fashion-mnist", probe.dataset);
        assertEquals(10_000, probe.pool);
        assertEquals(2_000, probe.test);
        assertEquals(0, probe.epochs);
        assertEquals(SimSiamConfig.DEFAULT_STEPS, probe.steps);
        assertTrue(probe.probeSteps == null || probe.probeSteps.isEmpty());
        assertEquals(128, probe.batch);
        assertEquals(0, probe.seed);
        assertEquals(1_000, probe.labels);
        assertEquals(SimSiamConfig.defaults().baseLr(), probe.baseLr);
        assertEquals(SimSiamConfig.PAPER_MIN_CROP_SCALE, probe.cropMin);
        assertEquals(0, probe.probeEvery);
        assertNull(probe.modelSeeds);
        assertNull(probe.save);
    }

    @Test
    void shouldParseModelSeedsAsAList() {
        LinearProbeExperiment probe = new LinearProbeExperiment();
        new CommandLine(probe).parseArgs("--model-seeds", "0,1,2", "--save", "enc");
        assertEquals(List.of(0L, 1L, 2L), probe.modelSeeds);
        assertEquals(java.nio.file.Path.of("enc"), probe.save);
    }

    @Test
    void shouldNameTheOptionAndValueOfABadOne() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new LinearProbeExperiment()).parseArgs("--epochs", "many"));
        assertTrue(e.getMessage().contains("--epochs") && e.getMessage().contains("many"), e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new LinearProbeExperiment()).parseArgs("--dataset", "mnist"));
        assertTrue(e.getMessage().contains("--dataset") && e.getMessage().contains("mnist")
                && e.getMessage().contains("fashion-mnist | cifar10"), e.getMessage());
    }

    @Test
    void shouldShowDefaultsAndDatasetsInItsHelp() {
        StringWriter help = new StringWriter();
        CommandLine cl = new CommandLine(new LinearProbeExperiment()).setOut(new PrintWriter(help));
        assertEquals(0, cl.execute("--help"));
        assertTrue(help.toString().contains("--model-seeds"), help.toString());
        assertTrue(help.toString().contains("Default: 10000"), help.toString());
        assertTrue(help.toString().contains("tiny-imagenet"), help.toString());
    }
}
