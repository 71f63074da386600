package org.ssal.standalone.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The audit as one self-contained HTML page (no scripts, no external files): verdict, findings,
 * rounds with their times, the provenance chain, annotators, and every counted label — who
 * labeled what and when.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(AuditReport r) {
        StringBuilder h = new StringBuilder(8192 + 120 * r.labels().size());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ssal audit of ")
                .append(esc(r.campaignId())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
                        + "text-align:left}.ok{color:#060}.bad{color:#a00;font-weight:bold}</style></head><body>\n");
        h.append("<h1>Audit of campaign ").append(esc(r.campaignId())).append("</h1>\n");
        h.append("<p id=\"verdict\" class=\"").append(r.passed() ? "ok\">PASSED" : "bad\">FAILED").append("</p>\n");
        h.append("<p>").append(esc(r.strategy())).append(", budget ").append(r.budget()).append(", ")
                .append(r.labeled()).append(" labels counted, status ").append(esc(r.status())).append(", ")
                .append(r.records()).append(" records from ").append(esc(r.source())).append("; audited by ssal ")
                .append(esc(r.auditedWith())).append(" in ").append(r.durationMs()).append(" ms.</p>\n");
        if (r.firstFinding() != null) {
            h.append("<p class=\"bad\">First mismatch: ").append(esc(r.firstFinding().toString())).append("</p>\n");
        }
        h.append("<h2>Findings</h2>\n");
        if (r.findings().isEmpty()) {
            h.append("<p>none</p>\n");
        } else {
            h.append("<table><tr><th>round</th><th>check</th><th>record</th><th>what</th></tr>\n");
            r.findings().forEach(f -> row(h, f.round() < 0 ? "" : f.round(), f.check(),
                    f.origin() == null ? "" : f.origin(), f.message()));
            h.append("</table>\n");
        }
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>");
            r.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Rounds</h2>\n<table><tr><th>round</th><th>strategy</th><th>asked</th><th>labeled</th>"
                + "<th>batch</th><th>evaluation</th><th>chain</th><th>asked at</th><th>labeling took</th>"
                + "<th>annotators</th></tr>\n");
        for (RoundVerdict v : r.rounds()) {
            h.append("<tr class=\"").append(v.ok() ? "ok" : "bad").append("\">");
            cells(h, v.round(), v.strategy(), v.asked(), v.labeled(), v.batch(), v.evaluation(), v.chain(),
                    Instant.ofEpochMilli(v.askedAt()), v.lastLabelAt() == 0 ? "" : took(v.askedAt(), v.lastLabelAt()),
                    v.annotators());
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Provenance</h2>\n<pre>");
        r.provenance().forEach(line -> h.append(esc(line)).append('\n'));
        h.append("</pre>\n<h2>Annotators</h2>\n<table><tr><th>annotator</th><th>labels counted</th>"
                + "<th>answered (gateway)</th><th>agreeing with the counted label</th></tr>\n");
        AnnotatorStats a = r.annotators();
        java.util.Set<String> names = new java.util.TreeSet<>(a.counted().keySet());
        names.addAll(a.answered().keySet());
        for (String name : names) {
            int answered = a.answered().getOrDefault(name, 0);
            int agreeing = a.agreeing().getOrDefault(name, 0);
            row(h, name, a.counted().getOrDefault(name, 0), answered == 0 ? "" : answered,
                    answered == 0 ? "" : String.format("%d (%.0f %%)", agreeing, 100.0 * agreeing / answered));
        }
        h.append("</table>\n<h2>Labels</h2>\n<table id=\"labels\"><tr><th>#</th><th>round</th><th>sample</th>"
                + "<th>label</th><th>annotator</th><th>labeled at</th></tr>\n");
        r.labels().forEach(l -> row(h, l.sequence(), l.round(), l.sampleId(), l.label(), l.annotatorId(),
                Instant.ofEpochMilli(l.labeledAt())));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static String took(long from, long to) {
        Duration d = Duration.ofMillis(Math.max(0, to - from));
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static void row(StringBuilder h, Object... cells) {
        h.append("<tr>");
        cells(h, cells);
        h.append("</tr>\n");
    }

    private static void cells(StringBuilder h, Object... cells) {
        for (Object c : cells) {
            String text = c instanceof Map<?, ?> m ? m.toString().replaceAll("[{}]", "") : String.valueOf(c);
            h.append("<td>").append(esc(text)).append("</td>");
        }
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
