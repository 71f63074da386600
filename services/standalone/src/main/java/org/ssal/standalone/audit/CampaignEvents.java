package org.ssal.standalone.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderChosen;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.PretrainComplete;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.MalformedEventException;
import org.ssal.standalone.export.LoggedEvent;

/**
 * One campaign's log, decoded and sorted by kind, each event with the record it came from. The
 * log is taken as it is: duplicates and gaps are kept for the checks to find, nothing is fixed up.
 */
final class CampaignEvents {
    final String campaignId;
    final List<Logged<CampaignCreated>> definitions = new ArrayList<>();
    final List<Logged<PretrainComplete>> pretrainings = new ArrayList<>();
    final List<Logged<EmbeddingsReady>> embeddings = new ArrayList<>();
    final List<Logged<EncoderChosen>> encoderChoices = new ArrayList<>();
    final List<Logged<QueryBatch>> batches = new ArrayList<>();
    final List<Logged<RoundEvaluated>> evaluations = new ArrayList<>();
    final List<Logged<StrategySwitched>> switches = new ArrayList<>();
    final List<Logged<LabelReceived>> received = new ArrayList<>();
    final List<Logged<LabeledSample>> counted = new ArrayList<>();
    final List<Logged<BudgetState>> ledger = new ArrayList<>();
    final List<Logged<Rejected>> rejected = new ArrayList<>();
    final List<Logged<AnswersSubmitted>> answers = new ArrayList<>();
    /** Records that are no event of this version, and the rest (lifecycle events): kept to be counted. */
    final List<Logged<byte[]>> undecodable = new ArrayList<>();
    final List<Logged<SpecificRecord>> other = new ArrayList<>();
    final int records;

    private CampaignEvents(String campaignId, int records) {
        this.campaignId = campaignId;
        this.records = records;
    }

    /** @param log the campaign's records, in any order: they are put in {@link LoggedEvent#EXPORT_ORDER} */
    static CampaignEvents of(String campaignId, List<LoggedEvent> log) {
        List<LoggedEvent> ordered = log.stream().sorted(LoggedEvent.EXPORT_ORDER).toList();
        CampaignEvents events = new CampaignEvents(campaignId, ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            events.add(i, ordered.get(i));
        }
        return events;
    }

    private void add(int position, LoggedEvent record) {
        SpecificRecord event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            undecodable.add(new Logged<>(position, record, record.value()));
            return;
        }
        if (event instanceof CampaignCreated e) {
            definitions.add(new Logged<>(position, record, e));
        } else if (event instanceof PretrainComplete e) {
            pretrainings.add(new Logged<>(position, record, e));
        } else if (event instanceof EmbeddingsReady e) {
            embeddings.add(new Logged<>(position, record, e));
        } else if (event instanceof EncoderChosen e) {
            encoderChoices.add(new Logged<>(position, record, e));
        } else if (event instanceof QueryBatch e) {
            batches.add(new Logged<>(position, record, e));
        } else if (event instanceof RoundEvaluated e) {
            evaluations.add(new Logged<>(position, record, e));
        } else if (event instanceof StrategySwitched e) {
            switches.add(new Logged<>(position, record, e));
        } else if (event instanceof LabelReceived e) {
            received.add(new Logged<>(position, record, e));
        } else if (event instanceof LabeledSample e) {
            counted.add(new Logged<>(position, record, e));
        } else if (event instanceof BudgetState e) {
            ledger.add(new Logged<>(position, record, e));
        } else if (event instanceof Rejected e) {
            rejected.add(new Logged<>(position, record, e));
        } else if (event instanceof AnswersSubmitted e) {
            answers.add(new Logged<>(position, record, e));
        } else {
            other.add(new Logged<>(position, record, event));
        }
    }

    /** The counted labels in acceptance order (by sequence; records of versions without one last). */
    List<Logged<LabeledSample>> countedInOrder() {
        return counted.stream().sorted(Comparator.comparingInt((Logged<LabeledSample> l) -> l.event().getSequence() < 0
                ? Integer.MAX_VALUE : l.event().getSequence()).thenComparingInt(Logged::position)).toList();
    }

    /** Query batches by round; a round asked twice keeps every batch, in log order. */
    TreeMap<Integer, List<Logged<QueryBatch>>> batchesByRound() {
        TreeMap<Integer, List<Logged<QueryBatch>>> byRound = new TreeMap<>();
        batches.forEach(b -> byRound.computeIfAbsent(b.event().getRound(), r -> new ArrayList<>()).add(b));
        return byRound;
    }

    TreeMap<Integer, List<Logged<RoundEvaluated>>> evaluationsByRound() {
        TreeMap<Integer, List<Logged<RoundEvaluated>>> byRound = new TreeMap<>();
        evaluations.forEach(e -> byRound.computeIfAbsent(e.event().getRound(), r -> new ArrayList<>()).add(e));
        return byRound;
    }

    /** The latest budget state, or null when the tracker never published one. */
    Logged<BudgetState> lastLedger() {
        return ledger.isEmpty() ? null : ledger.get(ledger.size() - 1);
    }
}
