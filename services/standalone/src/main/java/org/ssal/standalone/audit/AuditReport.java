package org.ssal.standalone.audit;

import java.util.List;

/**
 * What {@code ssal audit} found for one campaign; written as JSON with {@code --json} and as HTML.
 *
 * @param source         where the log came from (a home, a cluster, an exported file)
 * @param auditedWith    the ssal version that audited
 * @param writtenWith    the ssal version that exported the log, when known
 * @param records        records of the campaign in the log
 * @param status         the ledger's last status, or {@code unknown}
 * @param passed         every round re-derived and every check held
 * @param firstFinding   the first finding in log order, null when passed
 * @param notes          what was not checked and why, or what holds with a caveat (never a reason to pass silently)
 * @param provenance     the chain from dataset files to the embeddings each batch names, one line each
 * @param labels         every counted label: who labeled what and when
 * @param durationMs     how long the audit took
 */
public record AuditReport(String campaignId, String source, String auditedWith, String writtenWith, int records,
                          String strategy, int budget, int labeled, String status, boolean passed,
                          Finding firstFinding, List<Finding> findings, List<String> notes, List<RoundVerdict> rounds,
                          AnnotatorStats annotators, List<String> provenance, List<CountedLabel> labels,
                          long durationMs) {
    /** One counted label, as the report lists it. */
    public record CountedLabel(int sequence, int round, String sampleId, int label, String annotatorId, long labeledAt) {
    }
}
