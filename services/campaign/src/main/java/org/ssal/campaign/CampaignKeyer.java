package org.ssal.campaign;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.MalformedEventException;

/**
 * First step of the budget tracker: keys every input record by the campaign id in its value, so
 * that the repartition topic after it brings each campaign's events to the task holding its
 * ledger whatever partition (and partitioner, and key) the producer used: librdkafka's CRC32
 * puts a campaign id on another partition than Java's murmur2.
 *
 * <p>It judges nothing: a record whose value names no campaign (malformed, or not an event) keeps
 * its key and goes on, and the ledger processor dead-letters it with the reason. The record's
 * origin travels in {@link OriginHeaders}, its value with the event decoded ({@link InputValue}).
 */
final class CampaignKeyer implements Processor<String, byte[], String, InputValue> {
    /** Key of a record that had none and names no campaign (a repartition key may not be null). */
    static final String NO_KEY = "";
    private ProcessorContext<String, InputValue> context;

    @Override
    public void init(ProcessorContext<String, InputValue> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("the campaign keyer reads source topics only"));
        InputValue value = new InputValue(record.value());
        Record<String, InputValue> keyed = record.withValue(value).withKey(campaignIdOf(value, record.key()));
        OriginHeaders.of(meta, record.key()).writeTo(keyed.headers());
        context.forward(keyed);
    }

    private static String campaignIdOf(InputValue value, String key) {
        try {
            String campaignId = CampaignIds.campaignIdOf(value.event());
            if (campaignId != null) {
                return campaignId;
            }
        } catch (MalformedEventException e) {
            // the ledger processor dead-letters it with this reason
        }
        return key == null ? NO_KEY : key;
    }
}
