package org.ssal.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStopped;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderChosen;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.LeaseEnded;
import org.ssal.events.LeaseExtended;
import org.ssal.events.LeaseGranted;
import org.ssal.events.PretrainComplete;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;

/**
 * Encodes events with Avro single-object encoding (C3 01, 8-byte schema fingerprint, body), so
 * that no schema registry is needed: the fingerprint tells a reader which event and which schema
 * version it holds. A topic may carry several event types (campaigns carries CampaignCreated and
 * CampaignStopped); {@link #decode(byte[])} returns whichever it is.
 */
public final class EventCodec {
    /** Every event type of the contract, in the order of DESIGN §3. */
    public static final List<Class<? extends SpecificRecord>> EVENT_TYPES = List.of(
            CampaignCreated.class, CampaignStopped.class, CampaignFailed.class, CampaignResumed.class,
            PretrainComplete.class, EmbeddingsReady.class, EncoderChosen.class, QueryBatch.class, LabelReceived.class, RoundEvaluated.class, BudgetState.class, LabeledSample.class,
            Rejected.class,
            StrategySwitched.class, LeaseGranted.class, LeaseExtended.class, AnswersSubmitted.class,
            LeaseEnded.class);

    private static final Map<Long, Class<? extends SpecificRecord>> TYPE_BY_FINGERPRINT = EVENT_TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(type -> fingerprint(schemaOf(type)), Function.identity()));

    // Building a message encoder or decoder fingerprints and resolves the schema, which cost more
    // than the encoding itself (a third of the budget tracker's time per label); both are thread-safe.
    private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageDecoder<?>> DECODERS = new ConcurrentHashMap<>();

    private EventCodec() {
    }

    public static byte[] encode(SpecificRecord event) {
        try {
            ByteBuffer buffer = ENCODERS.computeIfAbsent(event.getClass(),
                    type -> new BinaryMessageEncoder<>(SpecificData.get(), event.getSchema())).encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getSchema().getName(), e);
        }
    }

    /** Decodes any event of the contract; throws {@link MalformedEventException} saying why it cannot. */
    public static SpecificRecord decode(byte[] bytes) {
        Class<? extends SpecificRecord> type = typeOf(bytes);
        return decode(bytes, type);
    }

    /** Decodes an event that must be of the given type. */
    public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        Class<? extends SpecificRecord> actual = typeOf(bytes);
        if (!actual.equals(type)) {
            throw new MalformedEventException("expected a " + type.getSimpleName() + " event, got " + actual.getSimpleName());
        }
        try {
            return decoderOf(type).decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("corrupt " + type.getSimpleName() + " body: " + e.getMessage(), e);
        }
    }

    /** The event type named by the fingerprint in the header. */
    public static Class<? extends SpecificRecord> typeOf(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedEventException("empty record value (null)");
        }
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0xC3 || bytes[1] != 0x01) {
            throw new MalformedEventException("not an Avro single-object encoded event (expected header C3 01 and a "
                    + "fingerprint, got " + bytes.length + " bytes starting " + hexPrefix(bytes) + ")");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        Class<? extends SpecificRecord> type = TYPE_BY_FINGERPRINT.get(fingerprint);
        if (type == null) {
            throw new MalformedEventException("unknown schema fingerprint " + Long.toHexString(fingerprint)
                    + " (not an event of this ssal version)");
        }
        return type;
    }

    @SuppressWarnings("unchecked") // DECODERS maps each type to a decoder of that type
    private static <T extends SpecificRecord> BinaryMessageDecoder<T> decoderOf(Class<T> type) {
        return (BinaryMessageDecoder<T>) DECODERS.computeIfAbsent(type,
                t -> new BinaryMessageDecoder<T>(SpecificData.getForClass(type), schemaOf(type)));
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            out.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return out.length() == 0 ? "(nothing)" : out.toString();
    }
}
