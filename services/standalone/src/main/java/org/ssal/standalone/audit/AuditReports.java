package org.ssal.standalone.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The report's three forms: the console's verdict per round and summary, JSON, HTML. */
public final class AuditReports {
    private AuditReports() {
    }

    public static void print(AuditReport r, PrintWriter out) {
        out.printf("ssal: audit of campaign %s (%s, budget %d, %d labels counted, %s), %d records from %s%n",
                r.campaignId(), r.strategy(), r.budget(), r.labeled(), r.status(), r.records(), r.source());
        out.printf("%5s  %-14s %6s %7s  %-4s %-12s %-22s %s%n", "round", "strategy", "asked", "labeled", "", "batch",
                "evaluation", "chain");
        for (RoundVerdict v : r.rounds()) {
            out.printf("%5d  %-14s %6d %7d  %-4s %-12s %-22s %s%n", v.round(), v.strategy(), v.asked(), v.labeled(),
                    v.ok() ? "ok" : "FAIL", shorten(v.batch(), 12), shorten(v.evaluation(), 22), v.chain());
        }
        out.println("provenance, from the dataset to the embeddings each batch names:");
        r.provenance().forEach(line -> out.println("  " + line));
        r.notes().forEach(n -> out.println("note: " + n));
        r.findings().forEach(f -> out.println("MISMATCH " + f));
        if (r.passed()) {
            out.printf("ssal: PASSED: %d rounds re-derived bit for bit, budget, labels and chain hold (%d ms)%n",
                    r.rounds().size(), r.durationMs());
        } else if (r.firstFinding() != null) {
            out.printf("ssal: FAILED: %d findings; the first: %s%n", r.findings().size(), r.firstFinding());
        } else {
            out.println("ssal: FAILED: not everything could be checked (see the notes and rounds above)");
        }
        out.flush();
    }

    public static void writeJson(AuditReport r, Path file) {
        try {
            createParent(file);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeHtml(AuditReport r, Path file) {
        try {
            createParent(file);
            Files.writeString(file, HtmlReport.render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report with one more finding (checks made outside the campaign's records, e.g. the export's manifest). */
    public static AuditReport withFinding(AuditReport r, Finding finding) {
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(finding);
        findings.sort(Comparator.comparingInt(Finding::position));
        return new AuditReport(r.campaignId(), r.source(), r.auditedWith(), r.writtenWith(), r.records(), r.strategy(),
                r.budget(), r.labeled(), r.status(), false, findings.get(0), findings, r.notes(), r.rounds(),
                r.annotators(), r.provenance(), r.labels(), r.durationMs());
    }

    public static AuditReport withNote(AuditReport r, String note) {
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(note);
        return new AuditReport(r.campaignId(), r.source(), r.auditedWith(), r.writtenWith(), r.records(), r.strategy(),
                r.budget(), r.labeled(), r.status(), r.passed(), r.firstFinding(), r.findings(), notes, r.rounds(),
                r.annotators(), r.provenance(), r.labels(), r.durationMs());
    }

    private static String shorten(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
