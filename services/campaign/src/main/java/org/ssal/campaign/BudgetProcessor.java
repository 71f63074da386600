package org.ssal.campaign;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ssal.campaign.ledger.BudgetLedger;
import org.ssal.campaign.ledger.Decision;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.MalformedEventException;
import org.ssal.schemas.Rejections;
import org.ssal.service.ProducerHeader;

/**
 * The Kafka Streams side of the budget tracker (see {@link BudgetTopology}): reads the records
 * {@link CampaignKeyer} re-keyed by campaign (and decoded, {@link InputValue}), checks that it is an event of the topic
 * it was written to, and hands it with the campaign's stored ledger and per-sample stores to
 * {@link BudgetLedger}, whose {@link Decision} it carries out: store (and publish) the new state,
 * remember queried samples, store and publish an accepted label, do nothing for a redelivery, or
 * dead-letter the record with the reason and its origin (from {@link OriginHeaders}).
 *
 * <p>Under exactly_once_v2 the store updates, the outputs and the input offset commit in one
 * transaction, so a crash between them cannot count an event twice, and a BudgetState that counts
 * n labels is never visible to read_committed readers before the n-th label on the labels topic.
 *
 * <p>Times: the ledger stamps states with the record's timestamp (replays give the same ledger);
 * {@code rejectedAt} is the processor's wall-clock time when it was rejected.
 */
final class BudgetProcessor implements Processor<String, InputValue, String, byte[]> {
    private final BudgetLedger rules = new BudgetLedger();
    private final TrackerTopics topics;
    private final TrackerMetrics metrics;
    private final LabelReplay labelReplay;
    private ProcessorContext<String, byte[]> context;
    private LedgerReadThrough ledgers;
    private StoreSampleLookup samples;

    /** @param labelReplay where the label store is rebuilt from whenever Streams initialises the task */
    BudgetProcessor(TrackerTopics topics, TrackerMetrics metrics, LabelReplay labelReplay) {
        this.topics = topics;
        this.metrics = metrics;
        this.labelReplay = labelReplay;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.ledgers = new LedgerReadThrough(context.getStateStore(BudgetTopology.LEDGER_STORE));
        LabelStore labels = new LabelStore(context.getStateStore(BudgetTopology.LABEL_STORE));
        // the task's labels are on the labels topic's partition of the same number (CampaignPartitioner)
        labels.rebuild(labelReplay, context.appConfigs(), topics.labels(), context.taskId().partition(), topics.partitions());
        this.samples = new StoreSampleLookup(context.getStateStore(BudgetTopology.QUERIED_STORE), labels,
                context.getStateStore(BudgetTopology.DEFINITION_STORE));
    }

    @Override
    public void process(Record<String, InputValue> record) {
        OriginHeaders origin = OriginHeaders.readFrom(record.headers());
        SpecificRecord event;
        try {
            event = record.value().event();
        } catch (MalformedEventException e) {
            deadLetter(record, origin, "malformed", e.getMessage());
            return;
        }
        String campaignId = CampaignIds.campaignIdOf(event);
        if (!expectedOn(origin.topic(), event) || campaignId == null) {
            deadLetter(record, origin, "wrong-topic", "unexpected " + event.getSchema().getName() + " event on topic "
                    + origin.topic());
            return;
        }
        // the producer's key and partition do not matter: CampaignKeyer routed the record by campaignId
        Decision decision = rules.decide(ledgers.get(campaignId), samples, event, Instant.ofEpochMilli(record.timestamp()));
        metrics.decided(event.getSchema().getName(), decision);
        if (decision instanceof Decision.Accepted accepted) {
            write(record, accepted);
        } else if (decision instanceof Decision.Rejected rejected) {
            deadLetter(record, origin, rejected.rule(), rejected.reason());
        }
        // Decision.Ignored: a redelivery writes nothing
    }

    private void write(Record<String, InputValue> record, Decision.Accepted accepted) {
        BudgetState state = accepted.state();
        ledgers.put(state);
        LabeledSample label = accepted.newLabel();
        byte[] encodedLabel = label == null ? null : EventCodec.encode(label);
        samples.write(accepted, encodedLabel);
        if (label != null) {
            context.forward(new Record<>(LabelKeys.key(label.getCampaignId(), label.getSampleId()),
                    encodedLabel, record.timestamp(), stamped()));
        }
        if (accepted.publish()) {
            context.forward(new Record<>(state.getCampaignId(), EventCodec.encode(state), record.timestamp(), stamped()));
        }
        if (label != null && state.getRoundComplete()) {
            // the scorer waits for this state and reads only what is committed: commit it after this
            // record rather than at the next commit interval (one extra commit per round)
            context.commit();
        }
    }

    /** @param rule the rejection's fixed code, for the metrics */
    private void deadLetter(Record<String, InputValue> record, OriginHeaders origin, String rule, String reason) {
        byte[] rejected = EventCodec.encode(Rejections.rejected(origin.topic(), origin.partition(), origin.offset(),
                origin.key(), record.value().bytes(), reason, BudgetTopology.SERVICE,
                Instant.ofEpochMilli(context.currentSystemTimeMs())));
        context.forward(new Record<>(origin.key(), rejected, record.timestamp(), stamped()));
        metrics.deadLettered(rule);
    }

    /**
     * Headers of every output: {@code ssal-producer: budget-tracker} ({@link ProducerHeader}), which
     * readers of budget-state require; new ones, so the inputs' origin headers do not leak out.
     */
    private static Headers stamped() {
        return new RecordHeaders(new Header[] {ProducerHeader.of(ProducerHeader.BUDGET_TRACKER)});
    }

    private boolean expectedOn(String topic, SpecificRecord event) {
        if (topic.equals(topics.campaigns())) {
            return event instanceof CampaignCreated || event instanceof CampaignStopped
                    || event instanceof CampaignFailed || event instanceof CampaignResumed;
        }
        if (topic.equals(topics.queryBatch())) {
            return event instanceof QueryBatch;
        }
        if (topic.equals(topics.labelsReceived())) {
            return event instanceof LabelReceived;
        }
        return topic.equals(topics.roundEvaluated()) && event instanceof RoundEvaluated;
    }
}
