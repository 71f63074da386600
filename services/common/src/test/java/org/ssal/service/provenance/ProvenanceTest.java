package org.ssal.service.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Sha256;

class ProvenanceTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    static Provenance record(Map<String, String> config, List<Provenance.Input> inputs) {
        return Provenance.of(Provenance.ENCODER, "c1", config, Map.of("campaign", 4L, "data", 0L), inputs,
                List.of(new Provenance.Artifact("encoder", "artifact:sha256/" + A, A)),
                Map.of("java.version", "17", "os.name", "Linux"),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"));
    }

    private static Map<String, String> config(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static final List<Provenance.Input> FILES = List.of(
            Provenance.Input.file(Provenance.DATASET_FILE, "/data/b.gz", B, 2),
            Provenance.Input.file(Provenance.DATASET_FILE, "/data/a.gz", A, 1));

    @Test
    void shouldWriteTheSameBytesForTheSameRecordWhateverTheMapAndInputOrder() {
        Provenance one = record(config("encoder", "simsiam:smallcnn", "dataset", "fashion-mnist"), FILES);
        Provenance two = record(config("dataset", "fashion-mnist", "encoder", "simsiam:smallcnn"), List.of(FILES.get(1), FILES.get(0)));
        assertEquals(new String(one.toJson(), StandardCharsets.UTF_8), new String(two.toJson(), StandardCharsets.UTF_8));
        assertEquals(one.sha256(), two.sha256());
        assertEquals(Sha256.sha256Hex(one.toJson()), one.sha256(), "the sha256 names the stored bytes");
    }

    @Test
    void shouldChangeTheSha256WhenAnyFieldChanges() {
        Provenance base = record(config("encoder", "simsiam:smallcnn"), FILES);
        assertNotEquals(base.sha256(), record(config("encoder", "simsiam:resnet18"), FILES).sha256(), "config");
        assertNotEquals(base.sha256(), record(config("encoder", "simsiam:smallcnn"),
                List.of(FILES.get(0), Provenance.Input.file(Provenance.DATASET_FILE, "/data/a.gz", B, 1))).sha256(),
                "an input's hash");
        Provenance otherCampaign = new Provenance(base.format(), base.kind(), "c2", base.ssalVersion(), base.gitCommit(),
                base.config(), base.seeds(), base.inputs(), base.describes(), base.runtime(), base.startedAt(),
                base.finishedAt());
        assertNotEquals(base.sha256(), otherCampaign.sha256(), "campaign");
    }

    @Test
    void shouldReadBackWhatItWroteWithSortedKeysAndNewlines() {
        Provenance written = record(config("encoder", "simsiam:smallcnn", "dataset", "fashion-mnist"), FILES);
        String json = new String(written.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.indexOf("\"campaignId\"") < json.indexOf("\"config\"")
                && json.indexOf("\"dataset\"") < json.indexOf("\"encoder\""), json);
        assertTrue(!json.contains("\r"), "\\n line ends on every OS");
        Provenance read = Provenance.read(written.toJson());
        assertEquals(written, read);
        assertEquals("/data/a.gz", read.inputs().get(0).name(), "inputs sorted by role, then name");
    }

    @Test
    void shouldIgnoreFieldsOfANewerFormat() {
        String json = new String(record(Map.of(), FILES).toJson(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{ \"addedLater\" : 1,");
        assertEquals("c1", Provenance.read(json.getBytes(StandardCharsets.UTF_8)).campaignId());
    }

    @Test
    void shouldRefuseAnInputWithoutAValidSha256NamingTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.Input.file(Provenance.DATASET_FILE, "/data/x.gz", "nope", 1));
        assertTrue(e.getMessage().contains("/data/x.gz") && e.getMessage().contains("'nope'"), e.getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> Provenance.read("not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notJson.getMessage().startsWith("not a provenance record"), notJson.getMessage());
    }
}
