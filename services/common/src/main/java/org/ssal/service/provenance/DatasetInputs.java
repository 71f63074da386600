package org.ssal.service.provenance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.service.ArtifactStore;

/**
 * The dataset files a load read, as provenance inputs. Up to {@link #MAX_LISTED_FILES} files are
 * listed one by one (Fashion-MNIST's 4, CIFAR's 3 to 7); more (an image folder, Tiny ImageNet) become
 * one manifest, stored as an artifact: a line {@code relative-path TAB bytes TAB sha256} per file,
 * sorted by path, so the record stays small and an auditor can still check any single file.
 */
public final class DatasetInputs {
    public static final int MAX_LISTED_FILES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(DatasetInputs.class);

    private DatasetInputs() {
    }

    /**
     * @param root  the data root the files lie below (their manifest names are relative to it)
     * @param files the files read; none for generated data
     */
    public static List<Provenance.Input> of(Path root, List<Path> files, FileDigests digests, ArtifactStore store) {
        if (files.isEmpty()) {
            return List.of();
        }
        long hashedBefore = digests.bytesHashed();
        long started = System.nanoTime();
        List<FileDigests.Digest> read = files.stream().map(digests::of).toList();
        long hashed = digests.bytesHashed() - hashedBefore;
        if (hashed > 0) { // said once per new or changed file set: the next campaign on it reads the cache
            LOG.info("hashed {} MB of dataset files below {} for provenance in {} ms", hashed / 1_000_000, root,
                    (System.nanoTime() - started) / 1_000_000);
        }
        if (read.size() <= MAX_LISTED_FILES) {
            return read.stream().map(d -> Provenance.Input.file(Provenance.DATASET_FILE, d.path().toString(),
                    d.sha256(), d.bytes())).toList();
        }
        Path realRoot = root.toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (FileDigests.Digest digest : read) {
            lines.add(relative(realRoot, digest.path()) + "\t" + digest.bytes() + "\t" + digest.sha256() + "\n");
            total += digest.bytes();
        }
        lines.sort(null);
        ArtifactStore.Ref manifest = store.put(String.join("", lines).getBytes(StandardCharsets.UTF_8));
        return List.of(Provenance.Input.artifact(Provenance.DATASET_MANIFEST, realRoot + " (" + read.size() + " files)",
                manifest.uri(), manifest.sha256(), total));
    }

    private static String relative(Path root, Path file) {
        Path relative = file.startsWith(root) ? root.relativize(file) : file;
        return relative.toString().replace('\\', '/');
    }
}
