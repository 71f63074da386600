package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Clients in other languages take the 8-byte schema fingerprints of single-object encoding from
 * {@code schemas/fingerprints.json} instead of computing them (python-avro 1.11 computes a
 * different one for schemas with logical types). The file must match what Java writes.
 */
class PublishedFingerprintsTest {
    static String expected() {
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 0; i < EventCodec.EVENT_TYPES.size(); i++) {
            Class<? extends SpecificRecord> type = EventCodec.EVENT_TYPES.get(i);
            long fingerprint = EventCodec.fingerprint(EventCodec.schemaOf(type));
            json.append("  \"").append(type.getSimpleName()).append("\": \"")
                    .append(String.format("%016x", fingerprint)).append('"')
                    .append(i + 1 < EventCodec.EVENT_TYPES.size() ? "," : "").append('\n');
        }
        return json.append("}\n").toString();
    }

    @Test
    void shouldPublishTheFingerprintsJavaWrites() throws IOException {
        Path file = Path.of("fingerprints.json");
        String published = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing)";
        assertEquals(expected(), published, "schemas/fingerprints.json is stale; its content must be exactly the expected value"
                + " (fingerprints as unsigned 64-bit hex; bytes on the wire are little-endian)");
    }
}
