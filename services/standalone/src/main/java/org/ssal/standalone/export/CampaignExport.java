package org.ssal.standalone.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ssal.schemas.Sha256;
import org.ssal.service.ArtifactStore;
import org.ssal.service.SsalVersion;

/**
 * {@code ssal export}: one campaign's event log as a self-describing Avro file ({@link LogFile}),
 * a manifest of the artifacts it references ({@code FILE.manifest.json}) and, when asked, a
 * hash-checked copy of them ({@code FILE.artifacts/}, an artifact store). Artifacts are checked
 * before anything is written, so a refused export leaves no log or manifest that looks complete.
 */
public final class CampaignExport {
    /** What was exported. */
    public record Summary(Path log, Path manifest, Path artifactsDir, int events, Map<String, Integer> eventsPerType,
                          List<Artifacts.Entry> artifacts) {
    }

    /** Where the events come from, said in the file's metadata (a broker address, or a home). */
    private final String source;
    private final CampaignLogReader reader;
    private final Consumer<String> progress;

    public CampaignExport(String bootstrapServers, String source, Consumer<String> progress) {
        this.source = source;
        this.reader = new CampaignLogReader(bootstrapServers, progress);
        this.progress = progress;
    }

    /**
     * @param store the artifact store to copy from, or null for no copy (manifest only)
     * @throws IllegalStateException naming the campaign when the log holds no event of it, or
     *                               naming the artifact when one cannot be copied unchanged
     */
    public Summary export(String campaignId, Path out, ArtifactStore store) {
        List<LoggedEvent> events = reader.read(campaignId);
        if (events.isEmpty()) {
            throw new IllegalStateException("unknown campaign " + campaignId + ": no event of it in the log at "
                    + source);
        }
        Artifacts artifacts = Artifacts.of(events);
        Path artifactsDir = null;
        if (store != null) {
            artifactsDir = sibling(out, ".artifacts");
            artifacts.copy(store, artifactsDir, progress);
        }
        String exportedAt = Instant.now().toString();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(LogFile.META_VERSION, SsalVersion.get());
        meta.put(LogFile.META_CAMPAIGN, campaignId);
        meta.put(LogFile.META_EXPORTED_AT, exportedAt);
        meta.put(LogFile.META_ORDER, LogFile.ORDER);
        meta.put(LogFile.META_SOURCE, source);
        createParent(out);
        Map<String, Integer> perType = LogFile.write(out, events, meta);
        progress.accept("ssal: wrote " + events.size() + " events to " + out);
        Path manifest = sibling(out, ".manifest.json");
        writeManifest(manifest, out, meta, events.size(), perType, artifacts, artifactsDir);
        return new Summary(out, manifest, artifactsDir, events.size(), perType, artifacts.entries());
    }

    private static void writeManifest(Path manifest, Path log, Map<String, String> meta, int count,
                                      Map<String, Integer> perType, Artifacts artifacts, Path artifactsDir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaignId", meta.get(LogFile.META_CAMPAIGN));
        json.put("ssalVersion", meta.get(LogFile.META_VERSION));
        json.put("exportedAt", meta.get(LogFile.META_EXPORTED_AT));
        json.put("log", log.getFileName().toString());
        try {
            // the log's own hash: the manifest vouches for the file it sits next to
            json.put("logSha256", Sha256.sha256(log));
            json.put("order", LogFile.ORDER);
            json.put("events", count);
            json.put("eventsPerType", perType);
            // relative, so the export can be moved as a whole
            json.put("artifactsDir", artifactsDir == null ? null : artifactsDir.getFileName().toString());
            json.put("artifacts", artifacts.entries());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(manifest.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest + ": " + e.getMessage(), e);
        }
    }

    /** {@code FILE<suffix>} in the folder of {@code FILE}. */
    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void createParent(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent + ": " + e.getMessage(), e);
        }
    }
}
