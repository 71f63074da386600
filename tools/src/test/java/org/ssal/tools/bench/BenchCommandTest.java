package org.ssal.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        return new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void shouldPrintEachBenchmarksHelpWithItsDefaults() {
        assertEquals(0, bench("kcenter", "--help"));
        assertTrue(out.toString().contains("--k") && out.toString().contains("Default: 1000"), out.toString());
        assertEquals(0, bench("simsiam", "--help"));
        assertTrue(out.toString().contains("--profile-steps") && out.toString().contains("3x32x32,1x28x28"), out.toString());
        assertEquals(0, bench("embed", "-h"));
        assertTrue(out.toString().contains("--no-peer"), out.toString());
    }

    @Test
    void shouldRunTheArtifactsAndPoolBenchmarksOnTinySizes() {
        assertEquals(0, bench("artifacts", "--n", "40", "--dim", "3", "--rounds", "1", "--no-cold"));
        assertEquals(0, bench("pool", "--n", "300", "--dim", "4", "--test", "40", "--initial", "10", "--batch", "5",
                "--rounds", "2"));
        assertEquals(2, bench("pool", "--n", "0"));
        assertTrue(err.toString().contains("got 0"), err.toString());
    }

    @Test
    void shouldListTheBenchmarksInItsHelp() {
        assertEquals(0, bench("--help"));
        assertTrue(out.toString().contains("simsiam") && out.toString().contains("embed")
                && out.toString().contains("kcenter"), out.toString());
    }

    @Test
    void shouldRunTheKCenterBenchmarkOnATinyPoolAndRefuseAnEmptyOne() {
        // it fails (exit 1) when the parallel, sequential and counted runs do not pick the same rows
        assertEquals(0, bench("kcenter", "--n", "300", "--d", "8", "--k", "10", "--rounds", "2", "--peer", "/nonexistent"));
        assertEquals(2, bench("kcenter", "--n", "300", "--k", "400"));
        assertTrue(err.toString().contains("--k <= --n") && err.toString().contains("400"), err.toString());
    }

    @Test
    void shouldFailWithUsageWithoutABenchmark() {
        assertEquals(2, bench());
        assertTrue(err.toString().contains("simsiam, embed, kcenter"), err.toString());
    }

    @Test
    void shouldNameTheOptionAndValueOfABadOne() {
        assertEquals(2, bench("kcenter", "--k", "ten"));
        assertTrue(err.toString().contains("--k") && err.toString().contains("ten"), err.toString());
        assertEquals(2, bench("simsiam", "--shapes", "3x32"));
        assertTrue(err.toString().contains("--shapes") && err.toString().contains("3x32"), err.toString());
    }

    @Test
    void shouldParseKCenterDefaultsAndValues() {
        KCenterBench kcenter = new KCenterBench();
        new CommandLine(kcenter).parseArgs();
        assertEquals(List.of(60_000, 512, 1_000), List.of(kcenter.n, kcenter.d, kcenter.k));
        assertEquals(7, kcenter.seed);
        assertEquals("bench/kcenter_peer.py", kcenter.peer);
        new CommandLine(kcenter).parseArgs("--n", "100", "--k", "5", "--peer", "/tmp/p.py");
        assertEquals(List.of(100, 512, 5), List.of(kcenter.n, kcenter.d, kcenter.k));
        assertEquals("/tmp/p.py", kcenter.peer);
    }

    @Test
    void shouldParseShapesAndPeerOptions() {
        SimSiamBench simsiam = new SimSiamBench();
        new CommandLine(simsiam).parseArgs();
        assertEquals(List.of(new ImageShape(3, 32, 32), new ImageShape(1, 28, 28)), simsiam.comparison.shapes);
        assertEquals(List.of(128, 20, 3, 2, 5),
                List.of(simsiam.batch, simsiam.steps, simsiam.warmup, simsiam.comparison.rounds, simsiam.profileSteps));
        assertEquals(PyTorchPeer.DEFAULT_PYTHON, simsiam.comparison.python);
        EmbedBench embed = new EmbedBench();
        new CommandLine(embed).parseArgs("--shapes", "1x28x28", "--no-peer", "--batch", "64");
        assertEquals(List.of(new ImageShape(1, 28, 28)), embed.comparison.shapes);
        assertEquals(List.of(64, 10, 2, 2), List.of(embed.batch, embed.steps, embed.warmup, embed.comparison.rounds));
        assertTrue(embed.comparison.noPeer);
    }
}
