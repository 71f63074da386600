package org.ssal.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.schemas.Sha256;
import org.ssal.service.ArtifactStore;
import org.ssal.service.SsalHome;
import org.ssal.standalone.audit.AuditReport;
import org.ssal.standalone.audit.AuditReports;
import org.ssal.standalone.audit.CampaignAudit;
import org.ssal.standalone.audit.Finding;
import org.ssal.standalone.export.CampaignLogReader;
import org.ssal.standalone.export.LogFile;
import org.ssal.standalone.export.LoggedEvent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ssal audit}: replays one campaign's log and re-derives every decision
 * ({@link CampaignAudit}); this class only picks the log (a home's broker, a cluster, or an
 * exported file), the artifacts, and where the reports go. Exit codes: 0 everything matched,
 * 1 something did not (the first mismatching record is named), 2 bad arguments, 3 the log or
 * artifacts could not be read at all.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "replay a campaign's event log and re-derive every query batch, evaluation and strategy switch "
                + "from the recorded embeddings, labels and seed; check the budget, the labels and the hash chain; "
                + "exit 0 only if everything matches")
final class AuditCommand implements Callable<Integer> {
    static final int MISMATCH = 1;
    static final int UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    /** Where the log is: exactly one of the three. */
    static final class Source {
        @Option(names = "--home", required = true, paramLabel = "DIR",
                description = "the home whose broker log to read (refused while ssal serve runs on it)")
        Path home;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "read the log from this cluster")
        String kafka;

        @Option(names = "--log", required = true, paramLabel = "FILE", description = "an exported log (ssal export)")
        Path log;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--campaign", paramLabel = "ID", description = "the campaign (required with --home and --kafka; "
            + "with --log the file's)")
    String campaign;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "the artifact store (default: the home's "
            + "artifacts/; with --kafka that of $" + SsalHome.ENV + ", else ~/.ssal; with --log FILE.artifacts/)")
    Path artifacts;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "the HTML report (default: audit-ID.html here)")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (source.log == null && campaign == null) {
            throw new ParameterException(spec.commandLine(), "--campaign is required with --home and --kafka");
        }
        AuditReport report;
        try {
            report = audit(out);
        } catch (IllegalStateException | UncheckedIOException e) {
            spec.commandLine().getErr().println("ssal: cannot audit: " + e.getMessage());
            return UNREADABLE;
        }
        AuditReports.print(report, out);
        Path htmlFile = html != null ? html : Path.of("audit-" + report.campaignId() + ".html");
        AuditReports.writeHtml(report, htmlFile);
        out.println("ssal: HTML report " + htmlFile.toAbsolutePath());
        if (json != null) {
            AuditReports.writeJson(report, json);
            out.println("ssal: JSON report " + json.toAbsolutePath());
        }
        out.flush();
        return report.passed() ? 0 : MISMATCH;
    }

    private AuditReport audit(PrintWriter out) {
        CampaignAudit audit;
        if (source.log != null) {
            LogFile.Contents contents = LogFile.read(source.log);
            String id = contents.metadata().get(LogFile.META_CAMPAIGN);
            if (campaign != null && !campaign.equals(id)) {
                throw new ParameterException(spec.commandLine(), "--campaign " + campaign + " but " + source.log
                        + " holds campaign " + id);
            }
            Path store = artifacts != null ? artifacts : source.log.resolveSibling(source.log.getFileName() + ".artifacts");
            audit = new CampaignAudit(Files.isDirectory(store) ? new ArtifactStore(store) : null, MeasuredRelation.builtIn());
            AuditReport report = audit.audit(id, contents.events(), "file " + source.log,
                    contents.metadata().get(LogFile.META_VERSION));
            return withManifestCheck(report, source.log);
        }
        if (source.home != null) {
            SsalHome home = SsalHome.resolve(source.home, Map.of());
            List<LoggedEvent> log = HomeLog.read(home, out,
                    bootstrap -> new CampaignLogReader(bootstrap, line -> { }).read(campaign));
            audit = new CampaignAudit(new ArtifactStore(artifacts != null ? artifacts : home.artifacts()),
                    MeasuredRelation.builtIn());
            return audit.audit(campaign, log, "home " + home, null);
        }
        List<LoggedEvent> log = new CampaignLogReader(source.kafka, line -> { }).read(campaign);
        Path store = artifacts != null ? artifacts : SsalHome.resolve(null, System.getenv()).artifacts();
        return new CampaignAudit(new ArtifactStore(store), MeasuredRelation.builtIn())
                .audit(campaign, log, "Kafka " + source.kafka, null);
    }

    /** An export's manifest vouches for its log: a log that is not the file the manifest hashed fails first. */
    private static AuditReport withManifestCheck(AuditReport report, Path log) {
        Path manifest = log.resolveSibling(log.getFileName() + ".manifest.json");
        if (!Files.exists(manifest)) {
            return AuditReports.withNote(report, "no manifest " + manifest + " next to the log: its sha256 is not checked");
        }
        try {
            JsonNode json = new ObjectMapper().readTree(manifest.toFile());
            String expected = json.path("logSha256").asText("");
            String actual = Sha256.sha256(log);
            if (!expected.equals(actual)) {
                return AuditReports.withFinding(report, new Finding(Finding.Check.LOG, -1, log.toString(), -1,
                        "the log's sha256 is " + actual + " but its manifest " + manifest + " says " + expected));
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }
}
