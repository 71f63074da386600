package org.ssal.learning.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ssal.learning.Progress;

/**
 * Tiny ImageNet (the Stanford CS231n subset of ImageNet: 200 classes, 500 training and 50
 * validation images each, 64×64 colour JPEGs), read from a {@code tiny-imagenet-200/} folder below
 * the root, or from the root itself:
 * <ul>
 *   <li>{@code wnids.txt}: the 200 WordNet ids; labels number them in sorted order;</li>
 *   <li>{@code words.txt}: "wnid TAB words" lines; a class is named by its words, or by its wnid
 *       when words.txt is absent or lacks it;</li>
 *   <li>{@code train/<wnid>/images/*.JPEG}: the train split, ids {@code tiny-imagenet/train/n01443537_0};</li>
 *   <li>{@code val/images/*.JPEG} labelled by {@code val/val_annotations.txt} ("file TAB wnid TAB
 *       box"): the test split, as in Bengar et al. who evaluate on the labelled validation set
 *       (the official test images have no labels); ids {@code tiny-imagenet/val/val_0}.</li>
 * </ul>
 * Images are decoded with ImageIO; grayscale JPEGs (a few hundred in the training set) become 3
 * identical channels; any image that is not 64×64 is refused naming its path.
 *
 * <p>Footprint: 3×64×64 = 12,288 bytes per image, so the 100,000 training images take ≈ 1.23 GB
 * of {@code byte[]} (plus 16 bytes of array header each) and the 10,000 test images ≈ 123 MB,
 * which fits a 2 GB heap ({@code -Xmx2g}). Files are listed first and only the samples kept by a
 * cap are decoded, one at a time on the calling thread: about 0.6 ms per 64×64 JPEG measured on
 * a shared 2-core machine, i.e. a bit over a minute for all 110,000 images.
 */
final class TinyImageNetLoader implements DatasetLoader {
    static final String NAME = "tiny-imagenet";
    static final String FOLDER = "tiny-imagenet-200";
    static final int SIDE = 64;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isInstalled(Path root) {
        Path base = Files.isDirectory(root.resolve(FOLDER)) ? root.resolve(FOLDER) : root;
        return Files.isRegularFile(base.resolve("wnids.txt")) && Files.isDirectory(base.resolve("train"))
                && Files.isRegularFile(base.resolve("val/val_annotations.txt"));
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path rootPath, Progress progress) throws IOException {
        new LoaderOptions(NAME, spec.options(), optionNames());
        DataRoot root = DataRoot.open(NAME, rootPath, "the " + FOLDER
                + " folder (wnids.txt, words.txt, train/<wnid>/images/*.JPEG, val/images, val/val_annotations.txt)");
        Path base = root.find(FOLDER) != null ? root.path().resolve(FOLDER) : root.path();

        List<String> wnids = readWnids(root, base.resolve("wnids.txt"));
        Map<String, Integer> labelOf = new HashMap<>();
        for (int i = 0; i < wnids.size(); i++) {
            labelOf.put(wnids.get(i), i);
        }
        List<String> classNames = classNames(root, base.resolve("words.txt"), wnids);

        SplitCatalog train = trainCatalog(root, base, wnids);
        SplitCatalog test = valCatalog(root, base, labelOf);
        ImageSet trainSet = train.load(NAME, 3, SIDE, SIDE, classNames, spec.maxTrain(), spec.seed(), progress);
        ImageSet testSet = test.load(NAME, 3, SIDE, SIDE, classNames, spec.maxTest(), spec.seed(), progress);
        return new DatasetSplits(NAME, trainSet, testSet, root.realPath(), root.filesRead());
    }

    private static List<String> readWnids(DataRoot root, Path file) throws IOException {
        Path real = root.file(file, "the WordNet ids of the classes, one per line");
        TreeSet<String> wnids = new TreeSet<>();
        for (String line : Files.readAllLines(real, StandardCharsets.UTF_8)) {
            String wnid = line.trim();
            if (!wnid.isEmpty() && !wnids.add(wnid)) {
                throw new IOException("duplicate wnid " + wnid + " in " + file);
            }
        }
        if (wnids.isEmpty()) {
            throw new IOException("no wnids in " + file + "; expected one WordNet id per line");
        }
        return new ArrayList<>(wnids);
    }

    private static List<String> classNames(DataRoot root, Path file, List<String> wnids) throws IOException {
        Map<String, String> words = new HashMap<>();
        if (Files.exists(file)) {
            Set<String> wanted = Set.copyOf(wnids);
            for (String line : Files.readAllLines(root.file(file, "wnid TAB words lines"), StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && wanted.contains(line.substring(0, tab).trim())) {
                    words.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
                }
            }
        }
        List<String> names = new ArrayList<>(wnids.size());
        for (String wnid : wnids) {
            String name = words.get(wnid);
            names.add(name == null || name.isEmpty() ? wnid : name);
        }
        return names;
    }

    private static SplitCatalog trainCatalog(DataRoot root, Path base, List<String> wnids) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < wnids.size(); label++) {
            Path directory = root.directory(base.resolve("train").resolve(wnids.get(label)).resolve("images"),
                    "the training JPEGs of class " + wnids.get(label));
            for (Path file : ImageFiles.list(directory)) {
                files.add(file);
                ids.add(NAME + "/train/" + ImageFiles.stem(file));
                labels.add(label);
            }
        }
        return catalog("train", root, files, ids, labels);
    }

    private static SplitCatalog valCatalog(DataRoot root, Path base, Map<String, Integer> labelOf) throws IOException {
        Path annotations = base.resolve("val").resolve("val_annotations.txt");
        Path real = root.file(annotations, "validation labels as 'file TAB wnid TAB box' lines");
        Path images = base.resolve("val").resolve("images");
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(real, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] fields = lines.get(n).trim().split("\\s+");
            if (fields.length < 2 || !labelOf.containsKey(fields[1])) {
                throw new IOException("line " + (n + 1) + " of " + annotations + " is '" + lines.get(n)
                        + "'; expected 'file TAB wnid ...' with a wnid listed in wnids.txt");
            }
            if (fields[0].contains("/") || fields[0].contains("\\") || fields[0].startsWith(".")) {
                throw new IOException("line " + (n + 1) + " of " + annotations + " names '" + fields[0]
                        + "'; expected a plain file name inside " + base.resolve("val").resolve("images"));
            }
            rows.add(fields);
        }
        rows.sort(Comparator.comparing((String[] row) -> row[0], NaturalOrder.INSTANCE));
        List<Path> files = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String[] row : rows) {
            // a plain name may still be a symlink out of the root: DataRoot refuses it when read
            Path file = images.resolve(row[0]);
            files.add(file);
            ids.add(NAME + "/val/" + ImageFiles.stem(file));
            labels.add(labelOf.get(row[1]));
        }
        return catalog("test", root, files, ids, labels);
    }

    private static SplitCatalog catalog(String split, DataRoot root, List<Path> files, List<String> ids,
                                        List<Integer> labels) {
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return new SplitCatalog(split, ids.toArray(String[]::new), labelArray,
                new ImageFiles(root, files.toArray(Path[]::new), 3, SIDE, ImageFiles.SizePolicy.REQUIRE_EXACT,
                        "load-" + NAME + "-" + split));
    }
}
