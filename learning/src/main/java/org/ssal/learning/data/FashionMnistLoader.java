package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ssal.learning.Progress;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", 2017): 60,000 training and 10,000 test grayscale
 * images of 28×28, "a direct drop-in replacement for the original MNIST dataset", in IDX files
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz} (gzip or plain, with or
 * without {@code .gz}). Image size is taken from the IDX header.
 *
 * <p>Ids: {@code fashion-mnist/train/000123}, {@code fashion-mnist/test/000042}: the position in
 * the IDX file, six digits in both splits.
 *
 * <p>Option {@code classes}: a subset of the classes, as label indices or names joined by
 * {@code +} (e.g. {@code 0+6} or {@code T-shirt/top+Shirt}); both splits keep only those classes,
 * relabelled 0..m−1 in the given order, and ids stay the file positions.
 * Footprint: 70,000 × 784 bytes ≈ 55 MB.
 */
final class FashionMnistLoader implements DatasetLoader {
    static final String NAME = "fashion-mnist";
    static final String CLASSES = "classes";

    /** Label names in label order, as listed in the Fashion-MNIST README. */
    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String[][] FILES = {
        {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"},
        {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"},
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(CLASSES);
    }

    @Override
    public boolean isInstalled(Path root) {
        for (String[] split : FILES) {
            for (String file : split) {
                if (!Files.isRegularFile(root.resolve(file + ".gz")) && !Files.isRegularFile(root.resolve(file))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path rootPath, Progress progress) throws IOException {
        new LoaderOptions(NAME, spec.options(), optionNames());
        int[] subset = classSubset(spec.options().get(CLASSES));
        DataRoot root = DataRoot.open(NAME, rootPath, "the four Fashion-MNIST IDX files "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                + "t10k-labels-idx1-ubyte.gz");
        Split train = split(root, "train", FILES[0]);
        Split test = split(root, "test", FILES[1]);
        if (train.header.rows() != test.header.rows() || train.header.cols() != test.header.cols()) {
            throw new IOException("train images are " + train.header.rows() + "x" + train.header.cols()
                    + " but test images are " + test.header.rows() + "x" + test.header.cols() + " in " + root.path());
        }
        int rows = train.header.rows();
        int cols = train.header.cols();
        SplitCatalog trainCatalog = subset == null ? train.catalog : train.catalog.restrictedTo(subset);
        SplitCatalog testCatalog = subset == null ? test.catalog : test.catalog.restrictedTo(subset);
        List<String> names = subset == null ? CLASS_NAMES
                : Arrays.stream(subset).mapToObj(CLASS_NAMES::get).toList();
        ImageSet trainSet = trainCatalog.load(NAME, 1, rows, cols, names, spec.maxTrain(), spec.seed(), progress);
        ImageSet testSet = testCatalog.load(NAME, 1, rows, cols, names, spec.maxTest(), spec.seed(), progress);
        return new DatasetSplits(NAME, trainSet, testSet, root.realPath(), root.filesRead());
    }

    /** The {@code classes} option as label indices, or null for all classes. */
    static int[] classSubset(String option) {
        if (option == null) {
            return null;
        }
        String[] parts = option.split("\\+", -1);
        int[] classes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int index = CLASS_NAMES.indexOf(part);
            if (index < 0 && part.matches("\\d{1,2}")) {
                index = Integer.parseInt(part);
            }
            if (index < 0 || index >= CLASS_NAMES.size()) {
                throw new IllegalArgumentException("option classes of " + NAME + ": '" + part + "' is neither a label "
                        + "index 0-9 nor a class name " + CLASS_NAMES + ", in '" + option + "'");
            }
            classes[i] = index;
        }
        if (classes.length < 2 || Arrays.stream(classes).distinct().count() < classes.length) {
            throw new IllegalArgumentException("option classes of " + NAME + " must name two or more distinct classes"
                    + " joined by '+', got '" + option + "'");
        }
        return classes;
    }

    private record Split(IdxFile.ImagesHeader header, SplitCatalog catalog) {
    }

    private static Split split(DataRoot root, String split, String[] names) throws IOException {
        Path images = idx(root, names[0], "IDX images (magic 2051) of the " + split + " split");
        Path labelsFile = idx(root, names[1], "IDX labels (magic 2049) of the " + split + " split");
        IdxFile.ImagesHeader header = IdxFile.readImagesHeader(images);
        int[] labels = IdxFile.readLabels(labelsFile, CLASS_NAMES.size());
        if (labels.length != header.count()) {
            throw new IOException(images + " holds " + header.count() + " images but " + labelsFile
                    + " holds " + labels.length + " labels; expected equal counts");
        }
        String[] ids = SplitCatalog.numberedIds(NAME, split, labels.length, 6);
        String stage = "load-" + NAME + "-" + split;
        return new Split(header, new SplitCatalog(split, ids, labels,
                (positions, progress) -> IdxFile.readImages(images, positions, progress, stage)));
    }

    private static Path idx(DataRoot root, String name, String expected) throws IOException {
        Path gz = root.find(name + ".gz");
        if (gz != null) {
            return root.file(name + ".gz", expected);
        }
        Path plain = root.find(name);
        if (plain != null) {
            return root.file(name, expected);
        }
        return root.file(name + ".gz", expected + " (gzip, or plain as " + name + ")");
    }
}
