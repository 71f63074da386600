package org.ssal.standalone.audit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.standalone.audit.Finding.Check;

/**
 * DESIGN §5's invariants, checked on the log alone: the budget never exceeded, every counted
 * label the answer (as received, unchanged) to a query of its round, no sample counted twice, the
 * acceptance order without gaps, the ledger's count backed by the labels, every rejected record
 * with a reason.
 */
final class Invariants {
    private Invariants() {
    }

    static void check(CampaignEvents log, List<Finding> findings) {
        if (!log.definitions.isEmpty()) {
            budget(log, log.definitions.get(0).event(), findings);
        }
        labels(log, findings);
        for (Logged<Rejected> r : log.rejected) {
            if (r.event().getReason() == null || r.event().getReason().isBlank()) {
                findings.add(Finding.at(Check.REJECTED, -1, r, "a Rejected record of " + r.event().getTopic()
                        + " without a reason"));
            }
        }
    }

    private static void budget(CampaignEvents log, CampaignCreated campaign, List<Finding> findings) {
        int budget = campaign.getBudget();
        int asked = 0;
        Set<Integer> rounds = new HashSet<>();
        for (Logged<QueryBatch> b : log.batches) {
            if (!rounds.add(b.event().getRound())) {
                continue; // a round asked twice is the rounds check's finding
            }
            asked += b.event().getSampleIds().size();
            if (asked > budget) {
                findings.add(Finding.at(Check.BUDGET, b.event().getRound(), b, "the batches up to round "
                        + b.event().getRound() + " ask " + asked + " samples, over the budget of " + budget));
                break;
            }
        }
        List<Logged<LabeledSample>> counted = log.countedInOrder();
        if (counted.size() > budget) {
            Logged<LabeledSample> over = counted.get(budget);
            findings.add(Finding.at(Check.BUDGET, over.event().getRound(), over, counted.size()
                    + " labels counted, over the budget of " + budget + "; the first beyond it is of sample "
                    + over.event().getSampleId()));
        }
        for (Logged<BudgetState> state : log.ledger) {
            BudgetState s = state.event();
            if (s.getLabeled() > budget || s.getQueried() > budget || s.getBudget() != budget) {
                findings.add(Finding.at(Check.BUDGET, s.getRound(), state, "budget state with budget " + s.getBudget()
                        + ", queried " + s.getQueried() + ", labeled " + s.getLabeled() + " for a campaign with budget "
                        + budget));
                break;
            }
        }
    }

    private static void labels(CampaignEvents log, List<Finding> findings) {
        Map<Integer, Set<String>> askedByRound = new HashMap<>();
        log.batches.forEach(b -> askedByRound.computeIfAbsent(b.event().getRound(), r -> new HashSet<>())
                .addAll(b.event().getSampleIds()));
        Map<String, List<Logged<LabelReceived>>> receivedBySample = new HashMap<>();
        log.received.forEach(r -> receivedBySample.computeIfAbsent(r.event().getSampleId(), s -> new java.util.ArrayList<>())
                .add(r));
        Map<String, Logged<LabeledSample>> firstCount = new HashMap<>();
        List<Logged<LabeledSample>> counted = log.countedInOrder();
        for (int i = 0; i < counted.size(); i++) {
            Logged<LabeledSample> label = counted.get(i);
            LabeledSample l = label.event();
            if (l.getSequence() != i) {
                findings.add(Finding.at(Check.LABELS, l.getRound(), label, "label of sample " + l.getSampleId()
                        + " has sequence " + l.getSequence() + " where label number " + i + " belongs: "
                        + (l.getSequence() > i ? "a counted label is missing before it" : "two labels share a sequence")));
            }
            Logged<LabeledSample> earlier = firstCount.putIfAbsent(l.getSampleId(), label);
            if (earlier != null) {
                findings.add(Finding.at(Check.LABELS, l.getRound(), label, "sample " + l.getSampleId()
                        + " counted twice, first at " + earlier.origin()));
            }
            if (!askedByRound.getOrDefault(l.getRound(), Set.of()).contains(l.getSampleId())) {
                findings.add(Finding.at(Check.LABELS, l.getRound(), label, "label of sample " + l.getSampleId()
                        + " is counted for round " + l.getRound() + " but answers no query of that round"));
            }
            checkReceived(label, receivedBySample.getOrDefault(l.getSampleId(), List.of()), findings);
        }
        Logged<BudgetState> last = log.lastLedger();
        if (last != null && last.event().getLabeled() > counted.size()) {
            findings.add(Finding.at(Check.LABELS, last.event().getRound(), last, "the ledger counts "
                    + last.event().getLabeled() + " labels but the log holds " + counted.size() + " of them"));
        }
    }

    /** A counted label is one that was received: same sample, round, label and annotator. */
    private static void checkReceived(Logged<LabeledSample> label, List<Logged<LabelReceived>> received,
                                      List<Finding> findings) {
        LabeledSample l = label.event();
        for (Logged<LabelReceived> r : received) {
            LabelReceived e = r.event();
            if (e.getRound() == l.getRound() && e.getLabel() == l.getLabel()
                    && e.getAnnotatorId().equals(l.getAnnotatorId())) {
                return;
            }
        }
        String seen = received.isEmpty() ? "no LabelReceived for it is in the log"
                : "it was received as " + received.stream().map(r -> "label " + r.event().getLabel() + " from "
                + r.event().getAnnotatorId() + " at " + r.origin()).toList();
        findings.add(Finding.at(Check.LABELS, l.getRound(), label, "sample " + l.getSampleId() + " is counted with label "
                + l.getLabel() + " from " + l.getAnnotatorId() + " but " + seen));
    }
}
