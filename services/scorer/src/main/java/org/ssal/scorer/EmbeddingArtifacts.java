package org.ssal.scorer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.service.ArtifactStore;

/**
 * Reads embedding artifacts (hash-checked while they are parsed) and keeps the few most recent in
 * memory by sha256, so a round on unchanged embeddings neither re-reads nor re-hashes them: for a
 * large pool that pass costs seconds (sha256 runs at about 1 GB/s). The cache holds up to
 * {@value #KEEP} parsed files; with a 1,000,000 × 512 pool (2 GB) that is what the scorer's heap
 * must allow for (docs/benchmarks.md).
 */
final class EmbeddingArtifacts {
    private static final int KEEP = 4;
    private final Source source;
    private final Map<String, Object> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > KEEP;
        }
    };

    /** Where the bytes come from: the store, or in tests a store that counts its reads. */
    interface Source {
        <T> T open(String uri, String sha256, ArtifactStore.Reader<T> reader);
    }

    EmbeddingArtifacts(ArtifactStore store) {
        this(store::open);
    }

    EmbeddingArtifacts(Source source) {
        this.source = source;
    }

    synchronized Embeddings pool(String uri, String sha256) {
        // keyed by kind too: a pool and a test file never share an entry, even with equal bytes
        return (Embeddings) recent.computeIfAbsent("pool:" + sha256, key -> source.open(uri, sha256, Embeddings::read));
    }

    synchronized LabeledEmbeddings test(String uri, String sha256) {
        return (LabeledEmbeddings) recent.computeIfAbsent("test:" + sha256,
                key -> source.open(uri, sha256, LabeledEmbeddings::read));
    }
}
