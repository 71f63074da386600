package org.ssal.learning.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearProbeExperimentTest {

    @Test
    void shouldProbeSnapshotsEverySeedAndPixelsWhenRunOnATinySet() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LinearProbeExperiment.main(new String[] {"--dataset", "synthetic", "--pool", "64", "--test", "32",
                "--epochs", "2", "--batch", "16", "--labels", "20", "--probe-every", "1", "--model-seeds", "3,4"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        String[] rows = out.lines().filter(l -> l.startsWith("| ")).toArray(String[]::new);
        // header, per seed: snapshot at epoch 1, final, random init; then pixels; then two summary rows
        assertEquals(1 + 2 * 3 + 1 + 2, rows.length, out);
        assertTrue(Arrays.stream(rows).anyMatch(r -> r.contains("(1 ep) s3")), out);
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
}
