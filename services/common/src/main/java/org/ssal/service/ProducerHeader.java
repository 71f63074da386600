package org.ssal.service;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.ssal.schemas.Topics;

/**
 * Which writer a record says it comes from: the header {@value #NAME}. The scorer and the trainer
 * act on {@code BudgetState} (a complete round makes the scorer select the next batch), so a state
 * written by anyone but the budget tracker would let that writer drive campaigns past the ledger.
 * Readers therefore take a state only with {@code ssal-producer: budget-tracker}; the tracker
 * stamps every record it writes. The same holds for {@code labels}, which the scorer and trainer
 * train on ({@link LabelView} skips labels from anyone else).
 *
 * <p>The header is a claim, not a proof: what makes it hold is that only the tracker's principal
 * may write {@code budget-state} (Kafka ACLs, see deploy/). Checking it as well keeps a
 * misconfigured cluster, or a tool that writes the topic by hand, from being obeyed silently: such
 * records are dead-lettered with the reason and counted ({@code ssal_dead_letters_total{reason=
 * "UntrustedRecordException"}}).
 */
public final class ProducerHeader {
    /** The header's name. */
    public static final String NAME = "ssal-producer";
    /** Its value on everything the budget tracker writes. */
    public static final String BUDGET_TRACKER = "budget-tracker";

    /** Topic → the only producer whose records on it are taken: both are the tracker's tables. */
    private static final Map<String, String> REQUIRED = Map.of(Topics.BUDGET_STATE, BUDGET_TRACKER,
            Topics.LABELS, BUDGET_TRACKER);

    private ProducerHeader() {
    }

    public static Header of(String producer) {
        return new RecordHeader(NAME, producer.getBytes(StandardCharsets.UTF_8));
    }

    /** The producer a record names, or null when it names none. */
    public static String producerOf(Headers headers) {
        Header header = headers.lastHeader(NAME);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Null when the record may be taken; otherwise why not, naming topic, header and value. */
    public static String problemOf(ConsumerRecord<String, byte[]> record) {
        String required = REQUIRED.get(record.topic());
        return required == null ? null : problemOf(record, required);
    }

    /** Null when the record names {@code required} as its producer; otherwise why it is not taken. */
    public static String problemOf(ConsumerRecord<String, byte[]> record, String required) {
        String producer = producerOf(record.headers());
        if (required.equals(producer)) {
            return null;
        }
        return "record on " + record.topic() + " (key " + record.key() + ") has header " + NAME + " = "
                + (producer == null ? "(none)" : "'" + producer + "'") + ", only '" + required
                + "' is trusted on this topic; ignored";
    }

    /** @throws UntrustedRecordException when the record comes from a producer not trusted on its topic */
    static void require(ConsumerRecord<String, byte[]> record) {
        String problem = problemOf(record);
        if (problem != null) {
            throw new UntrustedRecordException(problem);
        }
    }
}
