package org.ssal.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.ssal.schemas.Sha256;

/**
 * What an attacker with write access to an export can do: a copy of an exported log (and its
 * manifest and artifacts) whose records are edited as generic Avro records, written back with the
 * same schema and metadata, and the manifest's hash updated to the new file, so that only the
 * content can give the tampering away.
 */
final class LogTampering {
    private final Path file;
    private final Schema schema;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<GenericRecord> records = new ArrayList<>();

    private LogTampering(Path file) throws IOException {
        this.file = file;
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            schema = reader.getSchema();
            for (String key : reader.getMetaKeys()) {
                if (!key.startsWith("avro.")) {
                    metadata.put(key, reader.getMetaString(key));
                }
            }
            reader.forEach(records::add);
        }
    }

    /** A copy of {@code export} (log, manifest, artifacts) named {@code name}, next to it. */
    static LogTampering copyOf(Path export, String name) throws IOException {
        Path copy = export.resolveSibling(name + ".avro");
        Files.copy(export, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(sibling(export, ".manifest.json"), sibling(copy, ".manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        Path artifacts = sibling(export, ".artifacts");
        Path target = sibling(copy, ".artifacts");
        try (Stream<Path> files = Files.walk(artifacts)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(artifacts.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new LogTampering(copy);
    }

    Path file() {
        return file;
    }

    /** The records, in the file's order: edit, remove or insert, then {@link #write}. */
    List<GenericRecord> records() {
        return records;
    }

    /** The first record of {@code topic} holding a {@code type} event that matches. */
    GenericRecord first(String topic, String type, Predicate<GenericRecord> event) {
        return records.stream().filter(r -> r.get("topic").toString().equals(topic))
                .filter(r -> r.get("event") instanceof GenericRecord e && e.getSchema().getName().equals(type))
                .filter(r -> event.test(event(r))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " on " + topic + " matches"));
    }

    static GenericRecord event(GenericRecord logged) {
        return (GenericRecord) logged.get("event");
    }

    static GenericRecord copy(GenericRecord logged) {
        return GenericData.get().deepCopy(logged.getSchema(), logged);
    }

    /** Of two records, the one the export order (timestamp, topic, partition, offset) puts first. */
    static GenericRecord firstInLogOrder(GenericRecord a, GenericRecord b) {
        java.util.Comparator<GenericRecord> order = java.util.Comparator
                .comparingLong((GenericRecord r) -> (long) r.get("timestamp"))
                .thenComparing(r -> r.get("topic").toString())
                .thenComparingInt(r -> (int) r.get("partition"))
                .thenComparingLong(r -> (long) r.get("offset"));
        return order.compare(a, b) <= 0 ? a : b;
    }

    /** How the audit names a record. */
    static String origin(GenericRecord logged) {
        return logged.get("topic") + "/" + logged.get("partition") + "@" + logged.get("offset");
    }

    /** Where the copied artifact store keeps the artifact with this sha256. */
    Path artifact(String sha256) {
        return sibling(file, ".artifacts").resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Writes the edited log and updates its manifest's hash, as a careful attacker would. */
    void write() throws IOException {
        writeKeepingManifest();
        Path manifest = sibling(file, ".manifest.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(manifest.toFile());
        json.put("logSha256", Sha256.sha256(file));
        mapper.writeValue(manifest.toFile(), json);
    }

    /** Writes the edited log only: its manifest then vouches for another file. */
    void writeKeepingManifest() {
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            metadata.forEach(writer::setMeta);
            writer.create(schema, file.toFile());
            for (GenericRecord r : records) {
                writer.append(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
