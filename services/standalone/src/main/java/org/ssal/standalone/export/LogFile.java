package org.ssal.standalone.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.schemas.EventCodec;

/**
 * The exported log: an Avro object container file of {@code org.ssal.export.LoggedEvent}
 * records, one per broker record, each the event with its origin (topic, partition, offset,
 * timestamp, key). The writer schema is inside the file, so any Avro reader in any language reads
 * it without ssal's classes or a schema registry; {@code event} is a union of every event type of
 * this ssal version ({@link EventCodec#EVENT_TYPES}) plus {@code bytes} for a value that is no
 * such event (kept as it was, since nothing is dropped silently).
 */
public final class LogFile {
    /** File metadata keys (Avro reserves the {@code avro.} prefix). */
    public static final String META_VERSION = "ssal.version";
    public static final String META_CAMPAIGN = "ssal.campaign";
    public static final String META_EXPORTED_AT = "ssal.exported-at";
    public static final String META_ORDER = "ssal.order";
    public static final String META_SOURCE = "ssal.source";
    /** What {@link LoggedEvent#EXPORT_ORDER} is, in the words the file carries. */
    public static final String ORDER = "timestamp,topic,partition,offset";
    /** The union branch of a value that is not an event of this version. */
    public static final String UNDECODABLE = "bytes";

    private static final Schema SCHEMA = buildSchema();

    private LogFile() {
    }

    public static Schema schema() {
        return SCHEMA;
    }

    /**
     * Writes the events in the order given.
     *
     * @return how many records of each event type were written (type name, or {@value #UNDECODABLE})
     */
    public static Map<String, Integer> write(Path file, List<LoggedEvent> events, Map<String, String> metadata) {
        Map<String, Integer> counts = new TreeMap<>();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            metadata.forEach(writer::setMeta);
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(SCHEMA, file.toFile());
            for (LoggedEvent e : events) {
                Object event = genericEvent(e.value());
                String type = event instanceof GenericRecord r ? r.getSchema().getName() : UNDECODABLE;
                counts.merge(type, 1, Integer::sum);
                GenericRecord logged = new GenericData.Record(SCHEMA);
                logged.put("topic", e.topic());
                logged.put("partition", e.partition());
                logged.put("offset", e.offset());
                logged.put("timestamp", e.timestamp());
                logged.put("key", e.key());
                logged.put("event", event);
                writer.append(logged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** An exported log read back: the file's metadata and its records, in the file's order. */
    public record Contents(Map<String, String> metadata, List<LoggedEvent> events) {
    }

    /**
     * Reads an exported log. Each event is resolved from the schema the file carries (the
     * writer's, possibly an older ssal version's) to this version's, and handed on as this
     * version's single-object encoding, so readers of the log need not know the file's version.
     * A {@value #UNDECODABLE} record comes back as its bytes.
     *
     * @throws IllegalStateException naming the file and the record when it is no ssal export or a
     *                               record has an event type this version does not know
     */
    public static Contents read(Path file) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<LoggedEvent> events = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            for (String key : reader.getMetaKeys()) {
                if (!key.startsWith("avro.")) {
                    meta.put(key, reader.getMetaString(key));
                }
            }
            String campaign = meta.get(META_CAMPAIGN);
            if (campaign == null) {
                throw new IllegalStateException(file + " is no ssal export: its metadata has no " + META_CAMPAIGN);
            }
            long index = 0;
            for (GenericRecord logged : reader) {
                events.add(new LoggedEvent(logged.get("topic").toString(), (Integer) logged.get("partition"),
                        (Long) logged.get("offset"), (Long) logged.get("timestamp"),
                        logged.get("key") == null ? null : logged.get("key").toString(),
                        currentEncoding(logged.get("event"), file, index), campaign));
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Contents(meta, events);
    }

    private static byte[] currentEncoding(Object event, Path file, long index) throws IOException {
        if (event instanceof ByteBuffer raw) {
            byte[] bytes = new byte[raw.remaining()];
            raw.duplicate().get(bytes);
            return bytes;
        }
        GenericRecord record = (GenericRecord) event;
        Schema writer = record.getSchema();
        Class<? extends SpecificRecord> type = EventCodec.EVENT_TYPES.stream()
                .filter(t -> EventCodec.schemaOf(t).getFullName().equals(writer.getFullName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("record " + index + " of " + file + " is a "
                        + writer.getFullName() + ", an event type this ssal version does not know"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        SpecificRecord current = new SpecificDatumReader<SpecificRecord>(writer, EventCodec.schemaOf(type))
                .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        return EventCodec.encode(current);
    }

    /**
     * The event as a generic record of its own schema, read from the single-object encoding's
     * body (after the 10-byte header), or the bytes unchanged when they are no event of this
     * version. Generic rather than the generated classes: the file holds the wire values (a
     * timestamp as its long), exactly what was logged.
     */
    static Object genericEvent(byte[] value) {
        try {
            Class<? extends SpecificRecord> type = EventCodec.typeOf(value);
            Schema schema = EventCodec.schemaOf(type);
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
        } catch (IOException | RuntimeException e) {
            // MalformedEventException (not an event of this version) or a body its schema cannot read
            return value == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(value);
        }
    }

    private static Schema buildSchema() {
        List<Schema> branches = new ArrayList<>();
        branches.add(Schema.create(Schema.Type.BYTES));
        EventCodec.EVENT_TYPES.forEach(type -> branches.add(EventCodec.schemaOf(type)));
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("LoggedEvent").namespace("org.ssal.export")
                .doc("One record of a campaign's ssal event log, with where the broker held it. Order: " + ORDER + ".")
                .fields()
                .name("topic").doc("Topic the event was written to.").type().stringType().noDefault()
                .name("partition").doc("Its partition.").type().intType().noDefault()
                .name("offset").doc("Its offset in that partition.").type().longType().noDefault()
                .name("timestamp").doc("The record's timestamp (ms since the epoch).").type(timestamp).noDefault()
                .name("key").doc("The record key (campaign id; on 'labels' campaign id U+0000 sample id).")
                .type().nullable().stringType().noDefault()
                .name("event").doc("The event: an ssal event record, or the raw value ('bytes') when it is none.")
                .type(Schema.createUnion(branches)).noDefault()
                .endRecord();
    }
}
