package org.ssal.campaign;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.RoundSummary;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.MalformedEventException;
import org.ssal.schemas.Topics;

/**
 * Applies the rules of the budget tracker to one event at a time (see {@link BudgetTopology}).
 *
 * <p>Every record ends in exactly one of three ways: it changes the ledger (and, except for
 * RoundEvaluated, publishes the new BudgetState), it is a redelivery of something already
 * applied and changes nothing, or it goes to dead-letter with a reason. Under exactly_once_v2 the
 * store update, the outputs and the input offset commit in one transaction, so a crash between
 * them cannot count an event twice; the duplicate checks cover producers that send twice.
 *
 * <p>Times: {@code updatedAt} is the timestamp of the record that produced the state (replays give
 * the same ledger); {@code rejectedAt} is the processor's wall-clock time when it was rejected.
 */
final class BudgetProcessor implements Processor<String, byte[], String, byte[]> {
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, BudgetState> ledgers;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.ledgers = context.getStateStore(BudgetTopology.LEDGER_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        SpecificRecord event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            reject(record, e.getMessage());
            return;
        }
        String campaignId = campaignIdOf(event);
        if (!expectedOn(topic, event) || campaignId == null) {
            reject(record, "unexpected " + event.getSchema().getName() + " event on topic " + topic);
            return;
        }
        if (!campaignId.equals(record.key())) {
            // a wrongly keyed event may sit in another partition than its campaign's ledger
            reject(record, "record key " + record.key() + " does not match campaignId " + campaignId);
            return;
        }
        BudgetState ledger = ledgers.get(campaignId);
        if (event instanceof CampaignCreated created) {
            onCreated(record, created, ledger);
        } else if (ledger == null) {
            reject(record, "unknown campaign " + campaignId);
        } else if (event instanceof CampaignStopped) {
            onStopped(record, ledger);
        } else if (event instanceof QueryBatch batch) {
            onQueryBatch(record, batch, ledger);
        } else if (event instanceof LabelReceived label) {
            onLabel(record, label, ledger);
        } else if (event instanceof RoundEvaluated evaluated) {
            onRoundEvaluated(record, evaluated, ledger);
        }
    }

    private void onCreated(Record<String, byte[]> record, CampaignCreated created, BudgetState ledger) {
        if (ledger != null) {
            // the ledger keeps budget, dataset and strategy of the definition: equal ones are a redelivery
            boolean same = ledger.getBudget() == created.getBudget()
                    && ledger.getDataset().equals(created.getDataset())
                    && ledger.getStrategy().equals(created.getStrategy());
            if (!same) {
                reject(record, "campaign " + created.getCampaignId() + " already exists");
            }
            return;
        }
        if (created.getBudget() <= 0) {
            reject(record, "budget must be > 0, got " + created.getBudget());
            return;
        }
        BudgetState state = BudgetState.newBuilder()
                .setCampaignId(created.getCampaignId())
                .setBudget(created.getBudget()).setQueried(0).setLabeled(0).setRemaining(created.getBudget())
                .setRound(-1).setRoundComplete(false).setNumClasses(0)
                .setStatus(CampaignStatus.ACTIVE)
                .setDataset(created.getDataset()).setStrategy(created.getStrategy())
                .setRounds(new ArrayList<>()).setQueriedIds(new HashMap<>()).setLabels(new ArrayList<>())
                .setUpdatedAt(timeOf(record))
                .build();
        accept(record, state, true);
    }

    private void onStopped(Record<String, byte[]> record, BudgetState ledger) {
        if (ledger.getStatus() == CampaignStatus.STOPPED) {
            return; // redelivered stop
        }
        if (ledger.getStatus() == CampaignStatus.COMPLETED) {
            reject(record, "campaign " + ledger.getCampaignId() + " is already COMPLETED");
            return;
        }
        BudgetState state = BudgetState.newBuilder(ledger).setStatus(CampaignStatus.STOPPED)
                .setUpdatedAt(timeOf(record)).build();
        accept(record, state, true);
    }

    private void onQueryBatch(Record<String, byte[]> record, QueryBatch batch, BudgetState ledger) {
        String campaign = ledger.getCampaignId();
        int round = batch.getRound();
        List<String> ids = batch.getSampleIds();
        if (round >= 0 && round <= ledger.getRound() && isSameBatch(ledger, round, ids)) {
            return; // redelivered batch: already counted, whatever the status is now
        }
        if (ledger.getStatus() != CampaignStatus.ACTIVE) {
            reject(record, "campaign " + campaign + " is " + ledger.getStatus() + "; query batch of round "
                    + round + " refused");
            return;
        }
        int expected = ledger.getRound() + 1;
        if (round != expected) {
            reject(record, "expected round " + expected + " of campaign " + campaign + ", got round " + round);
            return;
        }
        if (ledger.getRound() >= 0 && !ledger.getRoundComplete()) {
            RoundSummary previous = latestRound(ledger);
            reject(record, "round " + ledger.getRound() + " of campaign " + campaign + " is not complete ("
                    + previous.getLabeled() + " of " + previous.getQueried() + " labeled); round " + round + " refused");
            return;
        }
        if (ids.isEmpty()) {
            reject(record, "query batch of round " + round + " has no sampleIds");
            return;
        }
        if (batch.getNumClasses() < 1) {
            reject(record, "numClasses must be >= 1, got " + batch.getNumClasses());
            return;
        }
        if (ledger.getNumClasses() > 0 && batch.getNumClasses() != ledger.getNumClasses()) {
            reject(record, "numClasses " + batch.getNumClasses() + " differs from the campaign's "
                    + ledger.getNumClasses());
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String id : ids) {
            if (!seen.add(id) || ledger.getQueriedIds().containsKey(id)) {
                repeated.add(id);
            }
        }
        if (!repeated.isEmpty()) {
            reject(record, "sampleIds already queried in campaign " + campaign + " or repeated in the batch: "
                    + abbreviate(repeated));
            return;
        }
        int queried = ledger.getQueried() + ids.size();
        if (queried > ledger.getBudget()) {
            reject(record, "would exceed budget: queried " + ledger.getQueried() + " + " + ids.size()
                    + " > budget " + ledger.getBudget());
            return;
        }
        Map<String, Integer> queriedIds = new HashMap<>(ledger.getQueriedIds());
        ids.forEach(id -> queriedIds.put(id, round));
        List<RoundSummary> rounds = new ArrayList<>(ledger.getRounds());
        rounds.add(RoundSummary.newBuilder().setRound(round).setQueried(ids.size()).setLabeled(0)
                .setTestAccuracy(null).build());
        BudgetState state = BudgetState.newBuilder(ledger)
                .setQueried(queried).setRemaining(ledger.getBudget() - queried)
                .setRound(round).setRoundComplete(false).setNumClasses(batch.getNumClasses())
                .setRounds(rounds).setQueriedIds(queriedIds)
                .setUpdatedAt(timeOf(record)).build();
        accept(record, state, true);
    }

    private void onLabel(Record<String, byte[]> record, LabelReceived label, BudgetState ledger) {
        String campaign = ledger.getCampaignId();
        String sample = label.getSampleId();
        Integer queryRound = ledger.getQueriedIds().get(sample);
        if (queryRound == null) {
            reject(record, "sample " + sample + " answers no query of campaign " + campaign);
            return;
        }
        if (label.getLabel() < 0 || label.getLabel() >= ledger.getNumClasses()) {
            reject(record, "label " + label.getLabel() + " of sample " + sample + " is outside [0, "
                    + ledger.getNumClasses() + ")");
            return;
        }
        LabeledSample earlier = ledger.getLabels().stream()
                .filter(l -> l.getSampleId().equals(sample)).findFirst().orElse(null);
        if (earlier != null) {
            // Oracles deliver at least once (a human gateway retries, a vendor re-sends after a
            // timeout): the same answer again is expected and is counted once, without noise on
            // dead-letter. A different answer for the same sample is not a redelivery and is reported.
            if (earlier.getLabel() != label.getLabel()) {
                reject(record, "sample " + sample + " already has label " + earlier.getLabel()
                        + "; conflicting label " + label.getLabel() + " ignored");
            }
            return;
        }
        if (ledger.getStatus() == CampaignStatus.STOPPED) {
            reject(record, "campaign " + campaign + " is STOPPED; label of sample " + sample + " refused");
            return;
        }
        List<LabeledSample> labels = new ArrayList<>(ledger.getLabels());
        labels.add(LabeledSample.newBuilder().setSampleId(sample).setLabel(label.getLabel()).setRound(queryRound).build());
        List<RoundSummary> rounds = new ArrayList<>();
        for (RoundSummary summary : ledger.getRounds()) {
            rounds.add(summary.getRound() == queryRound
                    ? RoundSummary.newBuilder(summary).setLabeled(summary.getLabeled() + 1).build()
                    : summary);
        }
        int labeled = ledger.getLabeled() + 1;
        RoundSummary latest = rounds.get(rounds.size() - 1);
        boolean roundComplete = latest.getLabeled() == latest.getQueried();
        CampaignStatus status = labeled == ledger.getBudget() && roundComplete
                ? CampaignStatus.COMPLETED : ledger.getStatus();
        BudgetState state = BudgetState.newBuilder(ledger)
                .setLabeled(labeled).setLabels(labels).setRounds(rounds)
                .setRoundComplete(roundComplete).setStatus(status)
                .setUpdatedAt(timeOf(record)).build();
        accept(record, state, true);
    }

    private void onRoundEvaluated(Record<String, byte[]> record, RoundEvaluated evaluated, BudgetState ledger) {
        int round = evaluated.getRound();
        double accuracy = evaluated.getTestAccuracy();
        if (ledger.getRounds().stream().noneMatch(r -> r.getRound() == round)) {
            reject(record, "campaign " + ledger.getCampaignId() + " has no round " + round);
            return;
        }
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            reject(record, "testAccuracy " + accuracy + " of round " + round + " is outside [0, 1]");
            return;
        }
        List<RoundSummary> rounds = new ArrayList<>();
        for (RoundSummary summary : ledger.getRounds()) {
            rounds.add(summary.getRound() == round
                    ? RoundSummary.newBuilder(summary).setTestAccuracy(accuracy).build()
                    : summary);
        }
        // stored, not published: scorers react to published states with roundComplete = true, and a
        // republished complete state would make them select the next batch a second time
        accept(record, BudgetState.newBuilder(ledger).setRounds(rounds).build(), false);
    }

    private static boolean isSameBatch(BudgetState ledger, int round, List<String> ids) {
        Set<String> accepted = new HashSet<>();
        ledger.getQueriedIds().forEach((id, r) -> {
            if (r == round) {
                accepted.add(id);
            }
        });
        return accepted.size() == ids.size() && accepted.equals(new HashSet<>(ids));
    }

    private static RoundSummary latestRound(BudgetState ledger) {
        return ledger.getRounds().get(ledger.getRounds().size() - 1);
    }

    private void accept(Record<String, byte[]> record, BudgetState state, boolean publish) {
        ledgers.put(state.getCampaignId(), state);
        if (publish) {
            context.forward(new Record<>(state.getCampaignId(), EventCodec.encode(state), record.timestamp()),
                    BudgetTopology.SINK_BUDGET_STATE);
        }
    }

    private void reject(Record<String, byte[]> record, String reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Rejected rejected = Rejected.newBuilder()
                .setTopic(meta == null ? "" : meta.topic())
                .setPartition(meta == null ? -1 : meta.partition())
                .setOffset(meta == null ? -1 : meta.offset())
                .setKey(record.key())
                .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
                .setReason(reason)
                .setService(BudgetTopology.SERVICE)
                .setRejectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        context.forward(new Record<>(record.key(), EventCodec.encode(rejected), record.timestamp()),
                BudgetTopology.SINK_DEAD_LETTER);
    }

    private static boolean expectedOn(String topic, SpecificRecord event) {
        return switch (topic) {
            case Topics.CAMPAIGNS -> event instanceof CampaignCreated || event instanceof CampaignStopped;
            case Topics.QUERY_BATCH -> event instanceof QueryBatch;
            case Topics.LABELS_RECEIVED -> event instanceof LabelReceived;
            case Topics.ROUND_EVALUATED -> event instanceof RoundEvaluated;
            default -> false;
        };
    }

    private static String campaignIdOf(SpecificRecord event) {
        int field = event.getSchema().getField("campaignId") == null
                ? -1 : event.getSchema().getField("campaignId").pos();
        return field < 0 ? null : Objects.toString(event.get(field), null);
    }

    private static Instant timeOf(Record<String, byte[]> record) {
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static String abbreviate(Set<String> ids) {
        List<String> first = ids.stream().limit(5).toList();
        return String.join(", ", first) + (ids.size() > first.size() ? " (and " + (ids.size() - first.size()) + " more)" : "");
    }
}
