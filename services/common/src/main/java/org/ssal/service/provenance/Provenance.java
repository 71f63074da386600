package org.ssal.service.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.ssal.schemas.Sha256;
import org.ssal.service.SsalVersion;

/**
 * Where an artifact (a pretrained encoder, a set of embeddings) came from, stored as its own
 * artifact next to it; PretrainComplete and EmbeddingsReady carry its uri and sha256.
 *
 * <p>It names the artifacts it {@code describes} (uri + sha256), the ssal version and commit that
 * made them, the configuration and seeds, every input with its sha256 (dataset files, or one
 * manifest for many files; parent artifacts and their provenance records, which a reader follows:
 * {@link ProvenanceChain}), the platform (Java, OS, CPU, ND4J backend) and the times.
 *
 * <p>Serialised as canonical JSON: keys sorted at every level, inputs sorted by role and name,
 * {@code \n} line ends, so the same record always has the same bytes and sha256.
 */
public record Provenance(String format, String kind, String campaignId, String ssalVersion, String gitCommit,
                         Map<String, String> config, Map<String, Long> seeds, List<Input> inputs,
                         List<Artifact> describes, Map<String, String> runtime, String startedAt,
                         String finishedAt) {
    /** This record's layout; a reader ignores fields it does not know, so fields may be added. */
    public static final String FORMAT = "ssal-provenance/1";
    public static final String ENCODER = "encoder";
    public static final String EMBEDDINGS = "embeddings";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    // the default indenter writes the platform's line separator: the bytes would differ by OS
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /**
     * One input. Files: {@code name} is the real path, {@code uri} empty. Stored artifacts (a parent
     * encoder, its provenance, a manifest, a label set): {@code uri} is its artifact uri.
     *
     * @param bytes the input's size; for a manifest, the total size of the files it lists
     */
    public record Input(String role, String name, String uri, String sha256, long bytes) {
        public Input {
            require("input role", role);
            name = name == null ? "" : name;
            uri = uri == null ? "" : uri;
            requireSha256("sha256 of input " + role + " " + name + uri, sha256);
        }

        public static Input file(String role, String path, String sha256, long bytes) {
            return new Input(role, path, "", sha256, bytes);
        }

        public static Input artifact(String role, String name, String uri, String sha256, long bytes) {
            require("uri of input " + role, uri);
            return new Input(role, name, uri, sha256, bytes);
        }
    }

    /** An artifact a record describes, e.g. role {@code pool} of an embeddings record. */
    public record Artifact(String role, String uri, String sha256) {
        public Artifact {
            require("artifact role", role);
            require("uri of artifact " + role, uri);
            requireSha256("sha256 of artifact " + role, sha256);
        }
    }

    /** Input roles; a role ending in {@value #PROVENANCE_SUFFIX} names a parent record to follow. */
    public static final String DATASET_FILE = "dataset-file";
    public static final String DATASET_MANIFEST = "dataset-manifest";
    public static final String PROVENANCE_SUFFIX = "-provenance";

    public Provenance {
        require("format", format);
        require("kind", kind);
        require("campaignId", campaignId);
        ssalVersion = orUnknown(ssalVersion);
        gitCommit = orUnknown(gitCommit);
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(config));
        seeds = seeds == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(seeds));
        inputs = inputs == null ? List.of() : inputs.stream()
                .sorted(Comparator.comparing(Input::role).thenComparing(Input::name).thenComparing(Input::uri))
                .toList();
        describes = describes == null ? List.of() : List.copyOf(describes);
        runtime = runtime == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(runtime));
        startedAt = startedAt == null ? "" : startedAt;
        finishedAt = finishedAt == null ? "" : finishedAt;
    }

    /** A record of this build (version, commit) in the current {@link #FORMAT}. */
    public static Provenance of(String kind, String campaignId, Map<String, String> config, Map<String, Long> seeds,
                                List<Input> inputs, List<Artifact> describes, Map<String, String> runtime,
                                Instant startedAt, Instant finishedAt) {
        return new Provenance(FORMAT, kind, campaignId, SsalVersion.get(), SsalVersion.commit(), config, seeds,
                inputs, describes, runtime, startedAt == null ? "" : startedAt.toString(),
                finishedAt == null ? "" : finishedAt.toString());
    }

    /** The inputs that are provenance records of parents, in order. */
    public List<Input> parents() {
        return inputs.stream().filter(input -> input.role().endsWith(PROVENANCE_SUFFIX)).toList();
    }

    /** Canonical JSON, UTF-8. */
    public byte[] toJson() {
        try {
            return (WRITER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provenance of " + kind + " " + campaignId, e);
        }
    }

    /** The sha256 of {@link #toJson()}: what the store names the record by. */
    public String sha256() {
        return Sha256.sha256Hex(toJson());
    }

    /** Reads {@link #toJson()}'s output (or a newer format's: unknown fields are ignored). */
    public static Provenance read(byte[] json) {
        try {
            return MAPPER.readValue(json, Provenance.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a provenance record: " + e.getMessage(), e);
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? SsalVersion.UNKNOWN : value;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got '" + value + "'");
        }
    }

    private static void requireSha256(String field, String value) {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits, got '" + value + "'");
        }
    }
}
