package org.ssal.campaign;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a tracker input record was read, carried in headers across the tracker's repartition
 * topic: after re-keying, the ledger processor reads it from the repartition topic, but a record
 * it dead-letters must name the topic, partition, offset and key the producer wrote.
 */
record OriginHeaders(String topic, int partition, long offset, String key) {
    static final String TOPIC = "ssal.origin.topic";
    static final String PARTITION = "ssal.origin.partition";
    static final String OFFSET = "ssal.origin.offset";
    /** Absent when the record had no key. */
    static final String KEY = "ssal.origin.key";

    static OriginHeaders of(RecordMetadata meta, String key) {
        return new OriginHeaders(meta.topic(), meta.partition(), meta.offset(), key);
    }

    /** Replaces any origin headers in {@code headers} (a record that went round once already) by these. */
    void writeTo(Headers headers) {
        headers.remove(TOPIC).remove(PARTITION).remove(OFFSET).remove(KEY);
        headers.add(TOPIC, bytes(topic)).add(PARTITION, bytes(Integer.toString(partition)))
                .add(OFFSET, bytes(Long.toString(offset)));
        if (key != null) {
            headers.add(KEY, bytes(key));
        }
    }

    /**
     * @throws IllegalArgumentException when the topic header is missing: the record did not come
     *                                  through the tracker's own re-keying step
     */
    static OriginHeaders readFrom(Headers headers) {
        String topic = text(headers.lastHeader(TOPIC));
        if (topic == null) {
            throw new IllegalArgumentException("record has no " + TOPIC + " header");
        }
        return new OriginHeaders(topic, Integer.parseInt(text(headers.lastHeader(PARTITION))),
                Long.parseLong(text(headers.lastHeader(OFFSET))), text(headers.lastHeader(KEY)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
