package org.ssal.standalone.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabeledSample;
import org.ssal.events.PretrainComplete;
import org.ssal.learning.advice.ThresholdRelation;
import org.ssal.service.ArtifactStore;
import org.ssal.service.provenance.ProvenanceChain;
import org.ssal.standalone.audit.Finding.Check;
import org.ssal.standalone.export.LoggedEvent;
import org.ssal.service.SsalVersion;

/**
 * {@code ssal audit}'s work for one campaign: its log (from a broker or an export) and its
 * artifacts in, an {@link AuditReport} out. It trusts no service: every decision is recomputed
 * ({@link Rederivation}), every invariant checked on the records ({@link Invariants}), every
 * artifact read against the sha256 its event names.
 */
public final class CampaignAudit {
    private final ArtifactStore store;
    private final ThresholdRelation relation;

    /**
     * @param store    the artifacts, or null when there are none (the audit then fails, saying what it could not
     *                 re-derive)
     * @param relation the threshold relation {@code auto} campaigns switch by (the scorer's built-in one)
     */
    public CampaignAudit(ArtifactStore store, ThresholdRelation relation) {
        this.store = store;
        this.relation = relation;
    }

    /**
     * @param log         the campaign's records, any order
     * @param writtenWith the ssal version that wrote the log, when known (else null)
     */
    public AuditReport audit(String campaignId, List<LoggedEvent> log, String source, String writtenWith) {
        long started = System.nanoTime();
        CampaignEvents events = CampaignEvents.of(campaignId, log);
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (events.records == 0) {
            findings.add(Finding.at(Check.LOG, -1, null, "the log holds no record of campaign " + campaignId));
        }
        events.undecodable.forEach(u -> findings.add(Finding.at(Check.LOG, -1, u,
                "a record that is no ssal event of this version (" + u.record().value().length + " bytes)")));
        if (writtenWith != null && !writtenWith.equals(SsalVersion.get())) {
            notes.add("the log was written by ssal " + writtenWith + " and is audited by " + SsalVersion.get()
                    + ": batches of auto campaigns are re-derived with this version's built-in threshold relation");
        }
        List<RoundVerdict> rounds = new Rederivation(events, store, relation, findings, notes).run();
        Invariants.check(events, findings);
        checkEncoders(events, findings);
        List<String> provenance = provenance(events, findings);
        findings.sort(Comparator.comparingInt(Finding::position));
        Logged<BudgetState> ledger = events.lastLedger();
        CampaignCreated campaign = events.definitions.isEmpty() ? null : events.definitions.get(0).event();
        boolean passed = findings.isEmpty() && rounds.stream().allMatch(RoundVerdict::ok) && !rounds.isEmpty();
        if (findings.isEmpty() && !passed) {
            notes.add(rounds.isEmpty() ? "no round was asked: nothing to re-derive"
                    : "not every round could be checked: see the rounds' verdicts");
        }
        return new AuditReport(campaignId, source, SsalVersion.get(), writtenWith, events.records,
                campaign == null ? "unknown" : campaign.getStrategy(), campaign == null ? 0 : campaign.getBudget(),
                events.counted.size(), ledger == null ? "unknown" : ledger.event().getStatus().toString(), passed,
                findings.isEmpty() ? null : findings.get(0), findings, notes, rounds, AnnotatorStats.of(events),
                provenance, countedLabels(events), (System.nanoTime() - started) / 1_000_000);
    }

    /** An encoder the log names must be the bytes its sha256 says (a swapped encoder is a swapped artifact). */
    private void checkEncoders(CampaignEvents events, List<Finding> findings) {
        if (store == null) {
            return;
        }
        for (Logged<PretrainComplete> p : events.pretrainings) {
            String uri = p.event().getArtifactUri();
            if (uri.isEmpty()) {
                continue; // the pixels encoder has no weights
            }
            try {
                store.read(uri, p.event().getArtifactSha256());
            } catch (RuntimeException e) {
                findings.add(Finding.at(Check.ARTIFACT, -1, p, "encoder announced by PretrainComplete cannot be used: "
                        + e.getMessage()));
            }
        }
    }

    /**
     * From the dataset files to the embeddings each batch names: the events, and below each the
     * provenance record it names, followed through its parents with every sha256 checked.
     */
    private List<String> provenance(CampaignEvents events, List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        if (!events.definitions.isEmpty()) {
            CampaignCreated c = events.definitions.get(0).event();
            lines.add("dataset " + c.getDataset() + " " + c.getDatasetOptions() + ", pool " + c.getPoolSize()
                    + ", test " + c.getTestSize() + ", seed " + c.getSeed());
        }
        for (Logged<PretrainComplete> p : events.pretrainings) {
            PretrainComplete e = p.event();
            lines.add("  encoder " + e.getEncoderSpec() + " (id " + e.getEncoderId() + ")"
                    + (e.getArtifactUri().isEmpty() ? ", no weights" : ", sha256 " + e.getArtifactSha256())
                    + (e.getCached() ? ", reused" : "") + " [" + p.origin() + "]");
            lines.addAll(record(p, e.getProvenanceUri(), e.getProvenanceSha256(), "      ", findings));
        }
        for (Logged<EmbeddingsReady> r : events.embeddings) {
            EmbeddingsReady e = r.event();
            List<Integer> rounds = events.batches.stream()
                    .filter(b -> b.event().getEmbeddingsSha256().equals(e.getPoolSha256()))
                    .map(b -> b.event().getRound()).toList();
            lines.add("    embeddings of round " + e.getRound() + " by " + e.getEncoderId() + ": pool " + e.getPoolSize()
                    + " x " + e.getDim() + " sha256 " + e.getPoolSha256() + ", test sha256 " + e.getTestSha256()
                    + " [" + r.origin() + "] -> batches of rounds " + rounds);
            lines.addAll(record(r, e.getProvenanceUri(), e.getProvenanceSha256(), "        ", findings));
        }
        return lines;
    }

    /** The provenance record an event names, as lines; one that cannot be read or verified is a finding. */
    private List<String> record(Logged<?> event, String uri, String sha256, String indent, List<Finding> findings) {
        if (store == null) {
            return List.of(indent + "provenance " + (uri.isEmpty() ? "none" : uri) + " (not read: no artifacts)");
        }
        try {
            return ProvenanceChain.describe(store, uri, sha256).stream().map(line -> indent + line).toList();
        } catch (RuntimeException e) {
            findings.add(Finding.at(Check.ARTIFACT, -1, event, "its provenance record cannot be verified: "
                    + e.getMessage()));
            return List.of(indent + "provenance " + uri + ": " + e.getMessage());
        }
    }

    private static List<AuditReport.CountedLabel> countedLabels(CampaignEvents events) {
        return events.countedInOrder().stream().map(Logged::event).map((LabeledSample l) -> new AuditReport.CountedLabel(
                l.getSequence(), l.getRound(), l.getSampleId(), l.getLabel(), l.getAnnotatorId(),
                l.getLabeledAt().toEpochMilli())).toList();
    }
}
