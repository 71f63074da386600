package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ssal.learning.Progress;

/**
 * CIFAR-100, binary version (Krizhevsky 2009): "100 classes containing 600 images each", grouped
 * into 20 superclasses; {@code train.bin} (50,000) and {@code test.bin} (10,000) with records of
 * "<1 x coarse label><1 x fine label><3072 x pixel>", class names in
 * {@code fine_label_names.txt} and {@code coarse_label_names.txt}; read from
 * {@code cifar-100-binary/} below the root, or from the root itself.
 *
 * <p>Option {@code labels}: {@code fine} (default, 100 classes, the setting of Bengar et al.) or
 * {@code coarse} (20 superclasses). Ids: {@code cifar100/train/00000}, {@code cifar100/test/00042}.
 * Footprint: 60,000 × 3072 bytes ≈ 184 MB.
 */
final class Cifar100Loader implements DatasetLoader {
    static final String NAME = "cifar100";
    static final String FOLDER = "cifar-100-binary";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("labels");
    }

    @Override
    public boolean isInstalled(Path root) {
        Path base = Files.isDirectory(root.resolve(FOLDER)) ? root.resolve(FOLDER) : root;
        return Files.isRegularFile(base.resolve("train.bin")) && Files.isRegularFile(base.resolve("test.bin"))
                && Files.isRegularFile(base.resolve("fine_label_names.txt"))
                && Files.isRegularFile(base.resolve("coarse_label_names.txt"));
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path rootPath, Progress progress) throws IOException {
        LoaderOptions options = new LoaderOptions(NAME, spec.options(), optionNames());
        boolean coarse = options.choice("labels", "fine", Set.of("fine", "coarse")).equals("coarse");
        DataRoot root = DataRoot.open(NAME, rootPath, "the CIFAR-100 binary version (" + FOLDER
                + "/ with train.bin, test.bin, fine_label_names.txt, coarse_label_names.txt)");
        String base = root.find(FOLDER) != null ? FOLDER + "/" : "";
        String record = "records of coarse label, fine label and 3072 pixel bytes";
        Path trainFile = root.file(base + "train.bin", "the CIFAR-100 training set (" + record + ")");
        Path testFile = root.file(base + "test.bin", "the CIFAR-100 test set (" + record + ")");
        int classes = coarse ? 20 : 100;
        String namesName = coarse ? "coarse_label_names.txt" : "fine_label_names.txt";
        Path namesFile = root.file(base + namesName, "the " + classes + " CIFAR-100 "
                + (coarse ? "coarse" : "fine") + " class names, one per line");
        List<String> classNames = CifarBinaryFiles.readNames(namesFile, classes);
        int labelIndex = coarse ? 0 : 1;

        ImageSet train = catalog("train", new CifarBinaryFiles(List.of(trainFile), 2), labelIndex, classes, namesFile)
                .load(NAME, 3, CifarBinaryFiles.SIDE, CifarBinaryFiles.SIDE, classNames, spec.maxTrain(), spec.seed(), progress);
        ImageSet test = catalog("test", new CifarBinaryFiles(List.of(testFile), 2), labelIndex, classes, namesFile)
                .load(NAME, 3, CifarBinaryFiles.SIDE, CifarBinaryFiles.SIDE, classNames, spec.maxTest(), spec.seed(), progress);
        return new DatasetSplits(NAME, train, test, root.realPath(), root.filesRead());
    }

    private static SplitCatalog catalog(String split, CifarBinaryFiles files, int labelIndex, int classes,
                                        Path namesFile) throws IOException {
        int[] labels = files.readLabels(labelIndex, classes, namesFile);
        String stage = "load-" + NAME + "-" + split;
        return new SplitCatalog(split, SplitCatalog.numberedIds(NAME, split, labels.length, 5), labels,
                (positions, progress) -> files.readImages(positions, progress, stage));
    }
}
