package org.ssal.campaign;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ssal.campaign.ledger.BudgetLedger;
import org.ssal.campaign.ledger.Decision;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.MalformedEventException;
import org.ssal.schemas.Rejections;

/**
 * The Kafka Streams side of the budget tracker (see {@link BudgetTopology}): decodes a record,
 * checks that it is an event of its topic keyed by its campaign, and hands it with the campaign's
 * stored ledger to {@link BudgetLedger}, whose {@link Decision} it carries out: store (and
 * publish) the new state, do nothing for a redelivery, or dead-letter the record with the reason.
 *
 * <p>Under exactly_once_v2 the store update, the outputs and the input offset commit in one
 * transaction, so a crash between them cannot count an event twice; the ledger's redelivery
 * rules cover producers that send twice.
 *
 * <p>Times: the ledger stamps states with the record's timestamp (replays give the same ledger);
 * {@code rejectedAt} is the processor's wall-clock time when it was rejected.
 */
final class BudgetProcessor implements Processor<String, byte[], String, byte[]> {
    private final BudgetLedger rules = new BudgetLedger();
    private final TrackerTopics topics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, BudgetState> ledgers;

    BudgetProcessor(TrackerTopics topics) {
        this.topics = topics;
    }

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
            deadLetter(record, e.getMessage());
            return;
        }
        String campaignId = CampaignIds.campaignIdOf(event);
        if (!expectedOn(topic, event) || campaignId == null) {
            deadLetter(record, "unexpected " + event.getSchema().getName() + " event on topic " + topic);
            return;
        }
        if (!campaignId.equals(record.key())) {
            // a wrongly keyed event may sit in another partition than its campaign's ledger
            deadLetter(record, "record key " + record.key() + " does not match campaignId " + campaignId);
            return;
        }
        Decision decision = rules.decide(ledgers.get(campaignId), event, Instant.ofEpochMilli(record.timestamp()));
        if (decision instanceof Decision.Accepted accepted) {
            write(record, accepted);
        } else if (decision instanceof Decision.Rejected rejected) {
            deadLetter(record, rejected.reason());
        }
        // Decision.Ignored: a redelivery writes nothing
    }

    private void write(Record<String, byte[]> record, Decision.Accepted accepted) {
        BudgetState state = accepted.state();
        ledgers.put(state.getCampaignId(), state);
        if (accepted.publish()) {
            context.forward(new Record<>(state.getCampaignId(), EventCodec.encode(state), record.timestamp()),
                    BudgetTopology.SINK_BUDGET_STATE);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        byte[] rejected = EventCodec.encode(Rejections.rejected(
                meta == null ? "" : meta.topic(), meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset(),
                record.key(), record.value(), reason, BudgetTopology.SERVICE,
                Instant.ofEpochMilli(context.currentSystemTimeMs())));
        context.forward(new Record<>(record.key(), rejected, record.timestamp()), BudgetTopology.SINK_DEAD_LETTER);
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
