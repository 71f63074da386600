package org.ssal.service.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CorruptArtifactException;

class ProvenanceChainTest {
    @TempDir
    Path dir;

    /** dataset files → encoder → embeddings, as the trainer stores them. */
    private record Chain(ArtifactStore store, ArtifactStore.Ref encoder, ArtifactStore.Ref embeddings, List<Path> files) {
    }

    private Chain chain(int files) throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        Path data = Files.createDirectories(dir.resolve("data/cat"));
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            paths.add(Files.writeString(data.resolve("img" + i + ".png"), "image " + i));
        }
        List<Provenance.Input> dataset = DatasetInputs.of(dir.resolve("data").toRealPath(), paths, new FileDigests(), store);
        ArtifactStore.Ref model = store.put("weights".getBytes());
        ArtifactStore.Ref encoder = store.put(Provenance.of(Provenance.ENCODER, "c1", Map.of("encoder", "simsiam:smallcnn"),
                Map.of("data", 0L), dataset, List.of(new Provenance.Artifact("encoder", model.uri(), model.sha256())),
                Platform.describe(), Instant.EPOCH, Instant.EPOCH.plusSeconds(60)).toJson());
        ArtifactStore.Ref pool = store.put("pool".getBytes());
        List<Provenance.Input> inputs = new ArrayList<>(dataset);
        inputs.add(Provenance.Input.artifact("encoder" + Provenance.PROVENANCE_SUFFIX, "", encoder.uri(), encoder.sha256(), 0));
        inputs.add(Provenance.Input.artifact("encoder", "", model.uri(), model.sha256(), 7));
        ArtifactStore.Ref embeddings = store.put(Provenance.of(Provenance.EMBEDDINGS, "c2", Map.of("round", "0"),
                Map.of("campaign", 4L), inputs, List.of(new Provenance.Artifact("pool", pool.uri(), pool.sha256())),
                Platform.describe(), Instant.EPOCH, Instant.EPOCH).toJson());
        return new Chain(store, encoder, embeddings, paths);
    }

    @Test
    void shouldFollowEmbeddingsToTheirEncoderAndItsDatasetFiles() throws Exception {
        Chain chain = chain(2);
        List<ProvenanceChain.Link> links = ProvenanceChain.follow(chain.store(), chain.embeddings().uri(), chain.embeddings().sha256());
        assertEquals(List.of("embeddings", "encoder"), links.stream().map(l -> l.record().kind()).toList());
        assertEquals(List.of(0, 1), links.stream().map(ProvenanceChain.Link::depth).toList());
        assertEquals("c1", links.get(1).record().campaignId(), "a reused encoder keeps its own campaign");

        List<String> lines = ProvenanceChain.describe(chain.store(), chain.embeddings().uri(), chain.embeddings().sha256());
        String text = String.join("\n", lines);
        String fileLine = "input dataset-file " + chain.files().get(0).toRealPath() + " sha256 "
                + org.ssal.schemas.Sha256.sha256Hex("image 0") + " (7 bytes)";
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(fileLine) && l.startsWith("      ")),
                "the encoder's dataset files, indented below it:\n" + text);
        assertTrue(lines.get(0).startsWith("embeddings provenance " + chain.embeddings().uri() + " (verified)"), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("    encoder provenance " + chain.encoder().uri())), text);
    }

    @Test
    void shouldSummariseAndVerifyAManifestWhenAFolderHasManyFiles() throws Exception {
        Chain chain = chain(DatasetInputs.MAX_LISTED_FILES + 1);
        List<String> lines = ProvenanceChain.describe(chain.store(), chain.encoder().uri(), chain.encoder().sha256());
        assertTrue(lines.stream().anyMatch(l -> l.contains("input dataset-manifest artifact:sha256/")
                && l.endsWith("manifest of " + (DatasetInputs.MAX_LISTED_FILES + 1) + " files verified")), String.join("\n", lines));
        Provenance encoder = ProvenanceChain.follow(chain.store(), chain.encoder().uri(), chain.encoder().sha256()).get(0).record();
        String manifest = new String(chain.store().read(encoder.inputs().get(0).uri(), encoder.inputs().get(0).sha256()));
        assertTrue(manifest.startsWith("cat/img0.png\t7\t" + org.ssal.schemas.Sha256.sha256Hex("image 0") + "\n"), manifest);
    }

    @Test
    void shouldNameATamperedParentRecord() throws Exception {
        Chain chain = chain(1);
        Path stored = chain.store().root().resolve("sha256").resolve(chain.encoder().sha256().substring(0, 2))
                .resolve(chain.encoder().sha256());
        Files.writeString(stored, Files.readString(stored).replace("simsiam:smallcnn", "simsiam:resnet18"));
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> ProvenanceChain.describe(chain.store(), chain.embeddings().uri(), chain.embeddings().sha256()));
        assertEquals(chain.encoder().uri(), e.uri());
        assertTrue(e.getMessage().contains(chain.encoder().uri()) && e.getMessage().contains("encoder-provenance"),
                e.getMessage());
    }

    @Test
    void shouldRefuseAnEventWhoseShaDoesNotNameTheRecord() throws Exception {
        Chain chain = chain(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceChain.follow(chain.store(), chain.embeddings().uri(), chain.encoder().sha256()));
        assertTrue(e.getMessage().contains(chain.embeddings().uri()), e.getMessage());
    }

    @Test
    void shouldSayWhenAnEventNamesNoRecord() throws Exception {
        assertEquals(1, ProvenanceChain.describe(new ArtifactStore(dir), "", "").size());
    }

    @Test
    void shouldNameAnArtifactThatIsNotAProvenanceRecord() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        ArtifactStore.Ref weights = store.put("weights".getBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceChain.follow(store, weights.uri(), weights.sha256()));
        assertTrue(e.getMessage().contains(weights.uri()) && e.getMessage().contains("not a provenance record"), e.getMessage());
    }
}
