package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event schema must stay compatible both ways with each committed earlier version under
 * schemas/versions/vN: an old consumer (a vendor's oracle) reads new events, and a new consumer
 * (an auditor replaying the log) reads old ones.
 */
class SchemaCompatibilityTest {
    private static final Path VERSIONS = Path.of("versions");

    @TestFactory
    Stream<DynamicTest> shouldStayCompatibleWithEveryCommittedVersion() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> versions;
        try (Stream<Path> dirs = Files.list(VERSIONS)) {
            versions = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(versions.isEmpty(), "no committed schema versions under " + VERSIONS.toAbsolutePath());
        Path newest = versions.get(versions.size() - 1);
        for (Class<? extends SpecificRecord> type : EventCodec.EVENT_TYPES) {
            assertTrue(Files.exists(newest.resolve(type.getSimpleName() + ".avsc")),
                    type.getSimpleName() + " is missing from the newest committed version " + newest);
        }
        for (Path version : versions) {
            for (Class<? extends SpecificRecord> type : EventCodec.EVENT_TYPES) {
                if (!Files.exists(version.resolve(type.getSimpleName() + ".avsc"))) {
                    // an event type newer than this version: old consumers never subscribe to its topic
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(version.getFileName() + "/" + type.getSimpleName(), () -> {
                    Schema current = EventCodec.schemaOf(type);
                    Schema old = parseVersion(version, type.getSimpleName());
                    assertCompatible(old, current, "old reader, new writer");
                    assertCompatible(current, old, "new reader, old writer");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void shouldDetectAnIncompatibleChange() {
        Schema old = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema renamed = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"b\",\"type\":\"int\"}]}");
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, renamed).getType());
    }

    @Test
    void shouldDocumentEveryField() {
        for (Class<? extends SpecificRecord> type : EventCodec.EVENT_TYPES) {
            Schema schema = EventCodec.schemaOf(type);
            assertTrue(schema.getDoc() != null && !schema.getDoc().isBlank(), schema.getName() + " has no doc");
            for (Schema.Field field : schema.getFields()) {
                assertTrue(field.doc() != null && !field.doc().isBlank(), schema.getName() + "." + field.name() + " has no doc");
            }
        }
    }

    private static Schema parseVersion(Path version, String name) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        // named types the event refers to must be parsed first
        for (String dependency : List.of("CampaignStatus", "LabeledSample", "RoundSummary", "Answer", "LeaseEndReason",
                "CampaignFailed")) {
            Path file = version.resolve(dependency + ".avsc");
            if (Files.exists(file) && !dependency.equals(name)) {
                parser.parse(file.toFile());
            }
        }
        Path file = version.resolve(name + ".avsc");
        assertTrue(Files.exists(file), "missing " + file);
        return parser.parse(file.toFile());
    }

    private static void assertCompatible(Schema reader, Schema writer, String direction) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                reader.getName() + " " + direction + ": " + result.getDescription());
    }
}
