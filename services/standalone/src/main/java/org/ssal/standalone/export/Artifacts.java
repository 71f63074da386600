package org.ssal.standalone.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssal.service.ArtifactStore;
import org.ssal.service.provenance.Provenance;
import org.ssal.service.provenance.ProvenanceChain;

/**
 * The artifacts a campaign's events reference, each once (several events may name the same
 * embeddings), and the copy of them for an export: into a folder laid out as an
 * {@link ArtifactStore}, so an auditor opens the copy with the same store and the same hash
 * checks as the services. Every copy is read through {@link ArtifactStore#read}, which checks the
 * sha256 the event states, so a changed artifact is never exported as if it were the original.
 */
public final class Artifacts {
    /** One artifact and every event that references it. */
    public record Entry(String uri, String sha256, List<ArtifactReference> referencedBy) {
    }

    private final Map<String, Entry> byUri = new LinkedHashMap<>();

    /** Collects the references in the events' order. */
    static Artifacts of(List<LoggedEvent> events) {
        Artifacts artifacts = new Artifacts();
        for (LoggedEvent e : events) {
            for (ArtifactReference ref : ArtifactReference.of(e, LogFile.genericEvent(e.value()))) {
                artifacts.add(ref);
            }
        }
        return artifacts;
    }

    private void add(ArtifactReference ref) {
        Entry entry = byUri.computeIfAbsent(ref.uri(), uri -> new Entry(uri, ref.sha256(), new ArrayList<>()));
        if (!entry.sha256().equals(ref.sha256())) {
            // one content-addressed URI with two hashes: one of the events lies about it
            throw new IllegalStateException("artifact " + ref.uri() + " has sha256 " + entry.sha256() + " in "
                    + entry.referencedBy().get(0).origin() + " but " + ref.sha256() + " in " + ref.origin());
        }
        entry.referencedBy().add(ref);
    }

    /**
     * The artifacts a provenance record names but no event does (parent records, a dataset
     * manifest, a baseline round's labels), so that the copy holds the whole chain an auditor follows.
     */
    private void addWhatProvenanceNames(ArtifactStore from) {
        for (Entry entry : List.copyOf(byUri.values())) {
            ArtifactReference named = entry.referencedBy().get(0);
            if (!named.field().equals("provenanceUri")) {
                continue;
            }
            List<ProvenanceChain.Link> chain;
            try {
                chain = ProvenanceChain.follow(from, entry.uri(), entry.sha256());
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot export the provenance " + entry.uri() + " (referenced by "
                        + named.origin() + "): " + e.getMessage(), e);
            }
            for (ProvenanceChain.Link link : chain) {
                String by = "provenance " + link.uri();
                add(new ArtifactReference(link.uri(), link.sha256(), named.origin(), by, "record"));
                for (Provenance.Input input : link.record().inputs()) {
                    if (!input.uri().isEmpty()) {
                        add(new ArtifactReference(input.uri(), input.sha256(), named.origin(), by, input.role()));
                    }
                }
            }
        }
    }

    public List<Entry> entries() {
        return List.copyOf(byUri.values());
    }

    /**
     * Copies every artifact from {@code from} into a store at {@code to}, checking each sha256.
     *
     * @throws IllegalStateException naming the artifact and the event that references it, when one
     *                               is missing, corrupt or not the content its hash says
     */
    void copy(ArtifactStore from, Path to, java.util.function.Consumer<String> progress) {
        addWhatProvenanceNames(from);
        ArtifactStore target = new ArtifactStore(to);
        for (Entry entry : byUri.values()) {
            String origin = entry.referencedBy().get(0).origin();
            ArtifactStore.Copied copied;
            try {
                copied = from.copyTo(target, entry.uri(), entry.sha256()); // streamed: pools of any size
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot export artifact " + entry.uri() + " (referenced by " + origin
                        + "): " + e.getMessage(), e);
            }
            if (!copied.ref().sha256().equals(entry.sha256())) {
                throw new IllegalStateException("copy of artifact " + entry.uri() + " has sha256 " + copied.ref().sha256());
            }
            progress.accept("ssal: copied " + entry.uri() + " (" + copied.bytes() + " bytes, sha256 checked)");
        }
    }
}
