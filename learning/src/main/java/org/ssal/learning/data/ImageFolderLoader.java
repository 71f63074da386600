package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ssal.learning.Progress;
import org.ssal.learning.seed.SeedDerivation;

/**
 * A user's own images, one folder per class: {@code root/<class>/<image>} (PNG, JPEG, BMP or GIF,
 * decoded with ImageIO; other files and folders starting with '.' are ignored). When the root holds
 * both {@code train/} and {@code test/} folders, each is such a class tree and gives its split;
 * otherwise each class is split at random, seeded, keeping {@code round(n * test_fraction)} of its
 * n images for the test split (stratified, so the class balance of both splits is the folder's).
 *
 * <p>Options: {@code size} (default 32, as CIFAR; every image is resized to size×size with
 * {@link ImageDecoder#resize bilinear} interpolation at pixel centres, aspect ratio not kept),
 * {@code channels} (1 or 3, default 3), {@code test_fraction} (default 0.2, only without
 * train/test folders). Class names are the folder names, sorted; labels number them in that order.
 * Ids are {@code image-folder/} + the path relative to the root, e.g. {@code image-folder/cat/001.png}.
 */
final class ImageFolderLoader implements DatasetLoader {
    static final String NAME = "image-folder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("size", "channels", "test_fraction");
    }

    @Override
    public boolean isInstalled(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path rootPath, Progress progress) throws IOException {
        LoaderOptions options = new LoaderOptions(NAME, spec.options(), optionNames());
        int size = options.integer("size", 32, 1, 4096);
        int channels = options.channels(3);
        double testFraction = options.decimal("test_fraction", 0.2, 0.0, 0.99);
        DataRoot root = DataRoot.open(NAME, rootPath, "one folder per class holding its images, "
                + "e.g. cat/001.png, or train/<class>/… and test/<class>/…");

        Path trainDir = root.path().resolve("train");
        Path testDir = root.path().resolve("test");
        boolean presplit = Files.isDirectory(trainDir) && Files.isDirectory(testDir);
        List<Sample> train = new ArrayList<>();
        List<Sample> test = new ArrayList<>();
        List<String> classNames;
        if (presplit) {
            Path trainTree = root.directory(trainDir, "train/<class>/<image>");
            Path testTree = root.directory(testDir, "test/<class>/<image>");
            TreeSet<String> names = new TreeSet<>(classFolders(trainTree));
            names.addAll(classFolders(testTree));
            classNames = List.copyOf(names);
            collect(root, trainTree, classNames, train);
            collect(root, testTree, classNames, test);
        } else {
            classNames = List.copyOf(new TreeSet<>(classFolders(root.path())));
            List<Sample> all = new ArrayList<>();
            collect(root, root.path(), classNames, all);
            split(all, classNames, testFraction, spec.seed(), train, test);
        }
        if (train.isEmpty() && test.isEmpty()) {
            throw new IOException("no images found below " + root.path()
                    + "; expected <class>/<image>.png|jpg|jpeg|bmp|gif");
        }
        ImageSet trainSet = catalog("train", root, train, channels, size)
                .load(NAME, channels, size, size, classNames, spec.maxTrain(), spec.seed(), progress);
        ImageSet testSet = catalog("test", root, test, channels, size)
                .load(NAME, channels, size, size, classNames, spec.maxTest(), spec.seed(), progress);
        return new DatasetSplits(NAME, trainSet, testSet, root.realPath(), root.filesRead());
    }

    private record Sample(Path file, String id, int label) {
    }

    private static List<String> classFolders(Path tree) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(tree)) {
            entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .forEach(names::add);
        }
        return names;
    }

    private static void collect(DataRoot root, Path tree, List<String> classNames, List<Sample> into)
            throws IOException {
        for (int label = 0; label < classNames.size(); label++) {
            Path folder = tree.resolve(classNames.get(label));
            if (!Files.isDirectory(folder)) {
                continue; // a class present only in the other split
            }
            root.directory(folder, "the images of class " + classNames.get(label));
            for (Path file : ImageFiles.list(folder)) {
                into.add(new Sample(file, NAME + "/" + root.relativeName(file), label));
            }
        }
    }

    /** Per class, a seeded shuffle decides which round(n * fraction) images go to the test split. */
    private static void split(List<Sample> all, List<String> classNames, double fraction, long seed,
                              List<Sample> train, List<Sample> test) {
        boolean[] isTest = new boolean[all.size()];
        for (int label = 0; label < classNames.size(); label++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).label() == label) {
                    members.add(i);
                }
            }
            // seeded by the class name, so adding a class leaves the other classes' splits unchanged
            SplittableRandom random = new SplittableRandom(SeedDerivation.derive(seed, "test-split/" + classNames.get(label)));
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer tmp = members.get(i);
                members.set(i, members.get(j));
                members.set(j, tmp);
            }
            long testCount = Math.round(members.size() * fraction);
            for (int k = 0; k < testCount; k++) {
                isTest[members.get(k)] = true;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            (isTest[i] ? test : train).add(all.get(i));
        }
    }

    private static SplitCatalog catalog(String split, DataRoot root, List<Sample> samples, int channels, int size) {
        Path[] files = samples.stream().map(Sample::file).toArray(Path[]::new);
        String[] ids = samples.stream().map(Sample::id).toArray(String[]::new);
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();
        return new SplitCatalog(split, ids, labels,
                new ImageFiles(root, files, channels, size, ImageFiles.SizePolicy.RESIZE_BILINEAR,
                        "load-" + NAME + "-" + split));
    }
}
