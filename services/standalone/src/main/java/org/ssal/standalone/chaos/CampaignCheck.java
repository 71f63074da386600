package org.ssal.standalone.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.schemas.EventCodec;
import org.ssal.service.ArtifactStore;
import org.ssal.standalone.audit.AuditReport;
import org.ssal.standalone.audit.CampaignAudit;
import org.ssal.standalone.export.CampaignLogReader;
import org.ssal.standalone.export.LoggedEvent;

/**
 * DESIGN §5 on one campaign's log after a chaos run. {@code ssal audit} ({@link CampaignAudit})
 * re-derives every batch and checks the budget, that no sample is counted twice and the rounds
 * are consecutive; this adds what the audit does not ask, because a log can be consistent and
 * still incomplete: that the campaign completed and that every queried sample was counted (none
 * lost), and counts what the table shows.
 */
final class CampaignCheck {
    private CampaignCheck() {
    }

    /** Reads the campaign's log from the cluster and judges it; the artifacts are those the services wrote. */
    static CampaignOutcome check(String bootstrap, ArtifactStore artifacts, String campaignId) {
        List<LoggedEvent> log = new CampaignLogReader(bootstrap, line -> { }).read(campaignId);
        AuditReport audit = new CampaignAudit(artifacts, MeasuredRelation.builtIn())
                .audit(campaignId, log, "Kafka " + bootstrap, null);
        List<SpecificRecord> events = new ArrayList<>();
        for (LoggedEvent e : log) {
            try {
                events.add(EventCodec.decode(e.value()));
            } catch (RuntimeException notAnEvent) {
                // the audit names it as a finding; nothing to count here
            }
        }
        String finding = audit.passed() ? null : "audit: " + (audit.firstFinding() != null ? audit.firstFinding()
                : String.join("; ", audit.notes()));
        return judge(campaignId, events, audit.passed(), finding);
    }

    /**
     * @param events       the campaign's events in log order
     * @param auditProblem why the audit failed, or null
     */
    static CampaignOutcome judge(String campaignId, List<SpecificRecord> events, boolean auditPassed,
                                 String auditProblem) {
        int budget = 0;
        boolean completed = false;
        int ledgerMax = 0;
        Set<String> queried = new HashSet<>();
        Map<Integer, Integer> batchesPerRound = new HashMap<>();
        Map<Integer, Integer> evaluationsPerRound = new HashMap<>();
        Map<Integer, Integer> embeddingsPerRound = new HashMap<>();
        Set<String> counted = new HashSet<>();
        int countRecords = 0;
        for (SpecificRecord event : events) {
            if (event instanceof CampaignCreated c) {
                budget = c.getBudget();
            } else if (event instanceof QueryBatch b) {
                queried.addAll(b.getSampleIds());
                batchesPerRound.merge(b.getRound(), 1, Integer::sum);
            } else if (event instanceof EmbeddingsReady e) {
                embeddingsPerRound.merge(e.getRound(), 1, Integer::sum);
            } else if (event instanceof RoundEvaluated r) {
                evaluationsPerRound.merge(r.getRound(), 1, Integer::sum);
            } else if (event instanceof LabeledSample l) {
                counted.add(l.getSampleId());
                countRecords++;
            } else if (event instanceof BudgetState s) {
                completed = s.getStatus() == CampaignStatus.COMPLETED; // the last state decides
                ledgerMax = Math.max(ledgerMax, Math.max(s.getLabeled(), s.getQueried()));
            }
        }
        Set<String> lostSamples = new HashSet<>(queried);
        lostSamples.removeAll(counted);
        int duplicated = (countRecords - counted.size()) + beyondFirst(batchesPerRound) + beyondFirst(evaluationsPerRound)
                + beyondFirst(embeddingsPerRound);
        int overspent = Math.max(0, Math.max(Math.max(queried.size(), countRecords), ledgerMax) - budget);
        String problem = !completed ? "not completed"
                : !lostSamples.isEmpty() ? lostSamples.size() + " queried samples never counted, e.g. "
                        + lostSamples.iterator().next()
                : duplicated > 0 ? duplicated + " duplicated counts, batches, evaluations or embeddings"
                : overspent > 0 ? "budget " + budget + " overspent by " + overspent
                : auditProblem;
        return new CampaignOutcome(campaignId, completed, budget, counted.size(), lostSamples.size(), duplicated,
                overspent, auditPassed, problem);
    }

    private static int beyondFirst(Map<Integer, Integer> perRound) {
        return perRound.values().stream().mapToInt(n -> n - 1).sum();
    }
}
