package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssal.learning.Progress;

/**
 * CIFAR-10, binary version (Krizhevsky 2009): "60000 32x32 colour images in 10 classes", five
 * training batches {@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin},
 * and class names in {@code batches.meta.txt}; read from {@code cifar-10-batches-bin/} below the
 * root, or from the root itself. Records are 1 label byte + 3072 pixel bytes (see
 * {@link CifarBinaryFiles}).
 *
 * <p>Ids: {@code cifar10/train/00000} … {@code cifar10/train/49999} numbering the records of the
 * five batches in order, {@code cifar10/test/00042}. Footprint: 60,000 × 3072 bytes ≈ 184 MB.
 */
final class Cifar10Loader implements DatasetLoader {
    static final String NAME = "cifar10";
    static final String FOLDER = "cifar-10-batches-bin";
    private static final int CLASSES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isInstalled(Path root) {
        Path base = Files.isDirectory(root.resolve(FOLDER)) ? root.resolve(FOLDER) : root;
        for (String file : fileNames()) {
            if (!Files.isRegularFile(base.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            names.add("data_batch_" + b + ".bin");
        }
        names.add("test_batch.bin");
        names.add("batches.meta.txt");
        return names;
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path rootPath, Progress progress) throws IOException {
        new LoaderOptions(NAME, spec.options(), optionNames());
        DataRoot root = DataRoot.open(NAME, rootPath, "the CIFAR-10 binary version (" + FOLDER
                + "/ with data_batch_1..5.bin, test_batch.bin, batches.meta.txt)");
        String base = root.find(FOLDER) != null ? FOLDER + "/" : "";
        List<Path> trainFiles = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            trainFiles.add(root.file(base + "data_batch_" + b + ".bin",
                    "CIFAR-10 training batch " + b + " of 5 (records of 1 label byte + 3072 pixels)"));
        }
        Path testFile = root.file(base + "test_batch.bin", "the CIFAR-10 test batch (records of 1 label byte + 3072 pixels)");
        Path namesFile = root.file(base + "batches.meta.txt", "the 10 CIFAR-10 class names, one per line");
        List<String> classNames = CifarBinaryFiles.readNames(namesFile, CLASSES);

        ImageSet train = catalog("train", new CifarBinaryFiles(trainFiles, 1), namesFile)
                .load(NAME, 3, CifarBinaryFiles.SIDE, CifarBinaryFiles.SIDE, classNames, spec.maxTrain(), spec.seed(), progress);
        ImageSet test = catalog("test", new CifarBinaryFiles(List.of(testFile), 1), namesFile)
                .load(NAME, 3, CifarBinaryFiles.SIDE, CifarBinaryFiles.SIDE, classNames, spec.maxTest(), spec.seed(), progress);
        return new DatasetSplits(NAME, train, test, root.realPath(), root.filesRead());
    }

    private static SplitCatalog catalog(String split, CifarBinaryFiles files, Path namesFile) throws IOException {
        int[] labels = files.readLabels(0, CLASSES, namesFile);
        String stage = "load-" + NAME + "-" + split;
        return new SplitCatalog(split, SplitCatalog.numberedIds(NAME, split, labels.length, 5), labels,
                (positions, progress) -> files.readImages(positions, progress, stage));
    }
}
