package org.ssal.scorer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.service.ArtifactStore;

/** Reads embedding artifacts (hash-checked) and keeps the few most recent in memory. */
final class EmbeddingArtifacts {
    private static final int KEEP = 4;
    private final ArtifactStore store;
    private final Map<String, Object> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > KEEP;
        }
    };

    EmbeddingArtifacts(ArtifactStore store) {
        this.store = store;
    }

    synchronized Embeddings pool(String uri, String sha256) {
        return (Embeddings) recent.computeIfAbsent(sha256, key -> {
            try {
                return Embeddings.read(new ByteArrayInputStream(store.read(uri, sha256)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse pool embeddings " + uri, e);
            }
        });
    }

    synchronized LabeledEmbeddings test(String uri, String sha256) {
        return (LabeledEmbeddings) recent.computeIfAbsent(sha256, key -> {
            try {
                return LabeledEmbeddings.read(new ByteArrayInputStream(store.read(uri, sha256)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse test embeddings " + uri, e);
            }
        });
    }
}
