package org.ssal.learning.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One split of an image dataset, held compactly: each image is {@code channels*height*width}
 * unsigned bytes in CHW order, so a 100k-image Tiny-ImageNet pool fits in a small heap.
 * Samples are addressed by stable string ids, never by position, so that events and audits
 * stay valid whatever order a loader produced.
 *
 * <p>Footprint: one {@code byte[]} of C·H·W bytes (plus a 16-byte array header) per image.
 * Fashion-MNIST: 70,000 × 784 B ≈ 55 MB (a full load measured 68 MB of heap in use);
 * CIFAR-10/100: 60,000 × 3,072 B ≈ 184 MB; Tiny ImageNet: 100,000 training images × 12,288 B
 * ≈ 1.23 GB plus 10,000 test images ≈ 123 MB, which fits a 2 GB heap ({@code -Xmx2g}). Loaders
 * stream their files and keep only these arrays; see {@link Datasets}.
 */
public final class ImageSet {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;
    private final String[] ids;
    private final int[] labels;
    private final byte[][] images;
    private final Map<String, Integer> indexById;

    public ImageSet(String name, int channels, int height, int width, List<String> classNames,
                    String[] ids, int[] labels, byte[][] images) {
        this.name = Objects.requireNonNull(name, "name");
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be > 0, got " + height + "x" + width);
        }
        if (ids.length != labels.length || ids.length != images.length) {
            throw new IllegalArgumentException("ids, labels and images differ in length: "
                    + ids.length + ", " + labels.length + ", " + images.length);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
        this.ids = ids;
        this.labels = labels;
        this.images = images;
        this.indexById = new HashMap<>(ids.length * 2);
        int pixels = channels * height * width;
        for (int i = 0; i < ids.length; i++) {
            if (images[i].length != pixels) {
                throw new IllegalArgumentException("image " + ids[i] + " has " + images[i].length
                        + " bytes, expected " + pixels);
            }
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("image " + ids[i] + " has label " + labels[i]
                        + " outside [0, " + classNames.size() + ")");
            }
            if (indexById.put(ids[i], i) != null) {
                throw new IllegalArgumentException("duplicate sample id " + ids[i]);
            }
        }
    }

    public String name() { return name; }
    public int size() { return ids.length; }
    public int channels() { return channels; }
    public int height() { return height; }
    public int width() { return width; }
    public int pixelsPerImage() { return channels * height * width; }
    public int numClasses() { return classNames.size(); }
    public List<String> classNames() { return classNames; }
    public String id(int index) { return ids[index]; }
    public int label(int index) { return labels[index]; }
    /** The raw CHW bytes of one image; callers must not modify it. */
    public byte[] image(int index) { return images[index]; }
    public List<String> ids() { return Arrays.asList(ids.clone()); }

    /** Position of a sample id, or -1 when it is not in this split. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    public boolean contains(String id) { return indexById.containsKey(id); }

    /** The label of a sample id; throws naming the id when it is unknown. */
    public int labelOf(String id) {
        int index = indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("sample id " + id + " is not in " + name);
        }
        return labels[index];
    }

    /** A view on the given positions (images are shared, not copied). */
    public ImageSet subset(String subsetName, int[] indices) {
        String[] subIds = new String[indices.length];
        int[] subLabels = new int[indices.length];
        byte[][] subImages = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            subIds[i] = ids[indices[i]];
            subLabels[i] = labels[indices[i]];
            subImages[i] = images[indices[i]];
        }
        return new ImageSet(subsetName, channels, height, width, classNames, subIds, subLabels, subImages);
    }

    /**
     * The samples named by {@code labels}, in its order, each with the label given there rather
     * than its own: what was bought from an oracle, whose answers may differ from the dataset's
     * (a noisy annotator). Images are shared, not copied.
     *
     * @throws IllegalArgumentException naming a sample that is not in this split, or a label out of range
     */
    public ImageSet withLabels(String subsetName, Map<String, Integer> labels) {
        String[] subIds = new String[labels.size()];
        int[] subLabels = new int[labels.size()];
        byte[][] subImages = new byte[labels.size()][];
        int i = 0;
        for (Map.Entry<String, Integer> entry : labels.entrySet()) {
            int index = indexOf(entry.getKey());
            if (index < 0) {
                throw new IllegalArgumentException("labeled sample " + entry.getKey() + " is not in " + name);
            }
            subIds[i] = entry.getKey();
            subLabels[i] = entry.getValue();
            subImages[i] = images[index];
            i++;
        }
        return new ImageSet(subsetName, channels, height, width, classNames, subIds, subLabels, subImages);
    }
}
