package org.ssal.standalone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ssal chaos} for real, short: a broker process and the four packaged services as
 * processes, every target SIGKILLed twice mid-campaign and restarted; the command must exit 0 and
 * print a row per target with the kill done, its campaign complete and audited, nothing lost,
 * duplicated or overspent. The long matrix (20 kills per target) is in docs/results.md.
 */
class ChaosCommandIT {
    private static final Path APPS = Path.of("..").toAbsolutePath().normalize(); // services/

    @BeforeAll
    static void servicesArePackaged() {
        for (ChaosTarget service : ChaosTarget.services()) {
            Path jar = ServiceProcess.appJar(APPS, service);
            assertTrue(Files.isRegularFile(jar), jar + " is missing: package the services before this IT "
                    + "(mvn package -DskipTests -pl services/campaign,services/trainer,services/scorer,services/oracle -am)");
        }
    }

    @Test
    void shouldKillEveryTargetTwiceAndKeepEveryInvariant() {
        List<String> lines = chaos("--kills", "2", "--campaigns", "1", "--seed", "11", "--work", "target/chaos-it");
        for (ChaosTarget target : ChaosTarget.values()) {
            assertCleanRow(lines, target, "2/2");
        }
    }

    @Test
    void shouldLoseNothingWhenOneOfThreeBrokersIsKilledMidRound() {
        List<String> lines = chaos("--brokers", "3", "--targets", "broker", "--kills", "1", "--campaigns", "1",
                "--seed", "12", "--work", "target/chaos-cluster-it");
        assertCleanRow(lines, ChaosTarget.BROKER, "1/1");
    }

    private static List<String> chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ChaosCommand());
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        String[] all = Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--apps";
        all[args.length + 1] = APPS.toString();
        all[args.length + 2] = "--timeout-min";
        all[args.length + 3] = "12";
        int exit = cl.execute(all);
        System.out.println(out);
        assertEquals(0, exit, "ssal chaos " + String.join(" ", args) + ":\n" + out + err);
        return out.toString().lines().toList();
    }

    /** target, kills, busy, revived, campaigns, labels, lost, duplicated, overspent, audit, median (n s), max (n s). */
    private static void assertCleanRow(List<String> lines, ChaosTarget target, String kills) {
        int header = lines.indexOf(ChaosTable.HEADER);
        assertTrue(header >= 0, "no table in:\n" + String.join("\n", lines));
        String row = lines.stream().skip(header + 1).filter(l -> l.startsWith(target.label() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + target.label() + " in:\n" + String.join("\n", lines)));
        String[] cells = row.trim().split("\\s+");
        assertEquals(14, cells.length, row);
        assertEquals(kills, cells[1], "kills: " + row);
        String[] campaigns = cells[4].split("/");
        assertEquals(campaigns[1], campaigns[0], "campaigns completed: " + row);
        assertTrue(Integer.parseInt(cells[5]) >= ChaosCampaigns.BUDGET, "labels: " + row);
        assertEquals(List.of("0", "0", "0"), List.of(cells[6], cells[7], cells[8]), "lost, duplicated, overspent: " + row);
        assertEquals(cells[4], cells[9], "audits passed: " + row);
        assertTrue(Double.parseDouble(cells[10]) > 0, "median recovery: " + row);
    }
}
