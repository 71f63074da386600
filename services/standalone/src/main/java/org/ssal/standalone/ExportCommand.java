package org.ssal.standalone;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssal.service.ArtifactStore;
import org.ssal.service.SsalHome;
import org.ssal.standalone.export.Artifacts;
import org.ssal.standalone.export.CampaignExport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ssal export}: a campaign's whole event log as a self-describing Avro file plus a manifest
 * of its artifacts, for an auditor who has neither broker nor ssal services. The work is
 * {@link CampaignExport}'s; this class only picks the log (a home's broker, or a cluster) and the
 * artifact store.
 *
 * <p>With {@code --home} it starts the home's own durable broker, under the home's lock: a
 * {@code serve} running on the home holds it, and the export refuses rather than open a second
 * broker on the same log folder.
 */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "write a campaign's event log as an Avro object container file (schemas inside), a manifest "
                + "of the artifacts it references (FILE.manifest.json) and, with --with-artifacts, the artifacts "
                + "(FILE.artifacts/)")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the log is: exactly one of the two. */
    static final class Source {
        @Option(names = "--home", required = true, paramLabel = "DIR",
                description = "the home whose broker log to read (refused while ssal serve runs on it)")
        Path home;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "read the log from this cluster")
        String kafka;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--campaign", required = true, paramLabel = "ID", description = "the campaign to export")
    String campaign;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the Avro file to write")
    Path out;

    @Option(names = "--with-artifacts", description = "also copy the referenced artifacts into FILE.artifacts/, "
            + "checking each sha256")
    boolean withArtifacts;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "the artifact store to copy from (default: "
            + "the home's artifacts/; with --kafka, that of $" + SsalHome.ENV + ", else ~/.ssal)")
    Path artifacts;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        java.util.function.Consumer<String> progress = line -> {
            out.println(line);
            out.flush();
        };
        CampaignExport.Summary summary;
        if (source.home != null) {
            SsalHome home = SsalHome.resolve(source.home, Map.of());
            summary = HomeLog.read(home, out, bootstrap -> new CampaignExport(bootstrap, "home " + home, progress)
                    .export(campaign, this.out, store(home)));
        } else {
            summary = new CampaignExport(source.kafka, "Kafka " + source.kafka, progress)
                    .export(campaign, this.out, store(SsalHome.resolve(null, System.getenv())));
        }
        printSummary(out, summary);
        return 0;
    }

    /** The store to copy from, or null when no copy is asked for. */
    ArtifactStore store(SsalHome home) {
        if (!withArtifacts) {
            return null;
        }
        return new ArtifactStore(artifacts != null ? artifacts : home.artifacts());
    }

    private void printSummary(PrintWriter out, CampaignExport.Summary summary) {
        out.printf("ssal: campaign %s: %d events%n", campaign, summary.events());
        summary.eventsPerType().forEach((type, n) -> out.printf("  %-18s %6d%n", type, n));
        out.printf("ssal: %d artifacts referenced, listed in %s%s%n", summary.artifacts().size(), summary.manifest(),
                summary.artifactsDir() == null ? "" : ", copied to " + summary.artifactsDir());
        for (Artifacts.Entry a : summary.artifacts()) {
            out.printf("  %s  %s%n", a.sha256(), a.referencedBy().get(0).event() + "." + a.referencedBy().get(0).field());
        }
        out.flush();
    }
}
