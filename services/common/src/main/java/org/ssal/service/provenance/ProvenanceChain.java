package org.ssal.service.provenance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CorruptArtifactException;

/**
 * Follows a provenance record through the artifact store to its parents (embeddings → encoder →
 * dataset files), checking every record's and manifest's sha256 on the way, for {@code ssal audit}.
 * The dataset files themselves are not re-read: their hashes are shown as recorded.
 */
public final class ProvenanceChain {
    /** Parents are at most a few levels deep; more means a malformed store, not a real chain. */
    private static final int MAX_DEPTH = 16;
    private static final String INDENT = "  ";

    /** One verified record of a chain; depth 0 is the record the event named. */
    public record Link(int depth, String uri, String sha256, Provenance record) {
    }

    private ProvenanceChain() {
    }

    /**
     * The record at {@code uri} and, depth first, the parents it names, each read through
     * {@link ArtifactStore#read} (hash-checked).
     *
     * @throws CorruptArtifactException a record whose bytes do not hash to the sha256 that names it;
     *                                  its {@code uri()} and message name that record's uri
     * @throws IllegalArgumentException a uri or sha256 that is malformed or disagree, or bytes that
     *                                  are not a provenance record; the message names the uri
     */
    public static List<Link> follow(ArtifactStore store, String uri, String sha256) {
        List<Link> links = new ArrayList<>();
        follow(store, uri, sha256, 0, "the event", links);
        return links;
    }

    /**
     * The chain as text, one line per fact, parents indented below the input that names them. An
     * event without provenance (written before records existed: empty uri) gives one line saying so.
     */
    public static List<String> describe(ArtifactStore store, String provenanceUri, String provenanceSha256) {
        if (provenanceUri == null || provenanceUri.isEmpty()) {
            return List.of("no provenance record (the event names none: written before ssal recorded provenance)");
        }
        List<String> lines = new ArrayList<>();
        describe(store, provenanceUri, provenanceSha256, 0, "the event", lines);
        return lines;
    }

    private static void follow(ArtifactStore store, String uri, String sha256, int depth, String namedBy,
                               List<Link> into) {
        Provenance record = read(store, uri, sha256, depth, namedBy);
        into.add(new Link(depth, uri, sha256, record));
        for (Provenance.Input parent : record.parents()) {
            follow(store, parent.uri(), parent.sha256(), depth + 1, "input " + parent.role() + " of " + uri, into);
        }
    }

    private static void describe(ArtifactStore store, String uri, String sha256, int depth, String namedBy,
                                 List<String> lines) {
        Provenance record = read(store, uri, sha256, depth, namedBy);
        String pad = INDENT.repeat(2 * depth); // a parent sits below the input line that names it
        lines.add(pad + record.kind() + " provenance " + uri + " (verified): campaign " + record.campaignId()
                + ", ssal " + record.ssalVersion() + " commit " + record.gitCommit()
                + ", " + record.startedAt() + " → " + record.finishedAt());
        for (Provenance.Artifact artifact : record.describes()) {
            lines.add(pad + INDENT + "describes " + artifact.role() + " " + artifact.uri());
        }
        for (Map.Entry<String, String> entry : record.config().entrySet()) {
            lines.add(pad + INDENT + "config " + entry.getKey() + " = " + entry.getValue());
        }
        for (Map.Entry<String, Long> entry : record.seeds().entrySet()) {
            lines.add(pad + INDENT + "seed " + entry.getKey() + " = " + entry.getValue());
        }
        lines.add(pad + INDENT + "runtime " + runtime(record.runtime()));
        for (Provenance.Input input : record.inputs()) {
            lines.add(pad + INDENT + "input " + describe(store, input));
            if (input.role().endsWith(Provenance.PROVENANCE_SUFFIX)) {
                describe(store, input.uri(), input.sha256(), depth + 1, "input " + input.role() + " of " + uri, lines);
            }
        }
    }

    private static String describe(ArtifactStore store, Provenance.Input input) {
        String where = input.uri().isEmpty() ? input.name() : input.uri() + (input.name().isEmpty() ? "" : " " + input.name());
        String text = input.role() + " " + where + " sha256 " + input.sha256()
                + (input.bytes() > 0 ? " (" + input.bytes() + " bytes)" : "");
        if (input.role().equals(Provenance.DATASET_MANIFEST)) {
            long files = new String(verified(store, input.uri(), input.sha256(), "manifest"), StandardCharsets.UTF_8)
                    .lines().count();
            text += ", manifest of " + files + " files verified";
        }
        return text;
    }

    private static String runtime(Map<String, String> runtime) {
        List<String> parts = new ArrayList<>();
        runtime.forEach((key, value) -> parts.add(key + "=" + value));
        return String.join(", ", parts);
    }

    private static Provenance read(ArtifactStore store, String uri, String sha256, int depth, String namedBy) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("provenance chain deeper than " + MAX_DEPTH + " at " + uri
                    + " (named by " + namedBy + "): a record names itself or the store is malformed");
        }
        byte[] bytes = verified(store, uri, sha256, "provenance record named by " + namedBy);
        try {
            return Provenance.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("artifact " + uri + " (named by " + namedBy + ") " + e.getMessage(), e);
        }
    }

    private static byte[] verified(ArtifactStore store, String uri, String sha256, String what) {
        try {
            return store.read(uri, sha256);
        } catch (CorruptArtifactException e) {
            throw new CorruptArtifactException(uri, what + " " + uri + " does not match its sha256: " + e.getMessage());
        }
    }
}
