package org.ssal.campaign;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ssal.schemas.LabelKeys;

/**
 * Second step of the budget tracker: passes on the keyed records that already sit on their
 * campaign's partition ({@code onIt}), or those that do not ({@code !onIt}, bound for the
 * repartition topic). A record on partition p of an input is read by task p, which also reads
 * partition p of the repartition topic and holds the stores of the campaigns partitioned there,
 * so a record on its campaign's partition can be judged at once: the common case (every ssal
 * service and Java client keys by campaign id with murmur2) costs no second write and read.
 */
final class CampaignPartitionRoute implements Processor<String, InputValue, String, InputValue> {
    private final int partitions;
    private final boolean onIt;
    private ProcessorContext<String, InputValue> context;

    /**
     * @param partitions the repartition topic's partition count, which {@link LabelKeys#partitionOf}
     *                   uses to place a campaign
     * @param onIt       pass the records on their campaign's partition (true) or the others (false)
     */
    CampaignPartitionRoute(int partitions, boolean onIt) {
        this.partitions = partitions;
        this.onIt = onIt;
    }

    @Override
    public void init(ProcessorContext<String, InputValue> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, InputValue> record) {
        int partition = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("the partition route follows a source topic")).partition();
        if ((partition == LabelKeys.partitionOf(record.key(), partitions)) == onIt) {
            context.forward(record);
        }
    }
}
