package org.ssal.standalone.export;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An artifact an event names: a field {@code xUri} with a sibling {@code xSha256}, both set
 * (EmbeddingsReady's pool and test embeddings, PretrainComplete's encoder, and whatever event
 * gains such a pair later, found by name so the export needs no change for it). An empty URI
 * (the pixels encoder has no weights) references nothing.
 *
 * @param origin the record that names it ({@link LoggedEvent#origin()})
 * @param event  the event type
 * @param field  the URI field's name
 */
public record ArtifactReference(String uri, String sha256, String origin, String event, String field) {
    private static final String URI = "Uri";
    private static final String SHA = "Sha256";

    /** The references of one exported event (none when it is not a decodable event). */
    static List<ArtifactReference> of(LoggedEvent logged, Object event) {
        List<ArtifactReference> refs = new ArrayList<>();
        if (!(event instanceof GenericRecord record)) {
            return refs;
        }
        Schema schema = record.getSchema();
        for (Schema.Field f : schema.getFields()) {
            if (!f.name().endsWith(URI)) {
                continue;
            }
            Schema.Field sha = schema.getField(f.name().substring(0, f.name().length() - URI.length()) + SHA);
            Object uri = record.get(f.pos());
            if (sha == null || uri == null || uri.toString().isEmpty()) {
                continue;
            }
            Object hash = record.get(sha.pos());
            refs.add(new ArtifactReference(uri.toString(), hash == null ? "" : hash.toString(), logged.origin(),
                    schema.getName(), f.name()));
        }
        return refs;
    }
}
