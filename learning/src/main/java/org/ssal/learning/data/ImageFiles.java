package org.ssal.learning.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ssal.learning.Progress;

/**
 * Pixels of a split whose samples are individual image files: decoded one by one with ImageIO,
 * so that only the kept {@code byte[]}s and one decoded image are alive at a time.
 */
final class ImageFiles implements SplitCatalog.PixelReader {
    /** How to treat an image whose size differs from the target. */
    enum SizePolicy { REQUIRE_EXACT, RESIZE_BILINEAR }

    private final DataRoot root;
    private final Path[] files;
    private final int channels;
    private final int size;
    private final SizePolicy policy;
    private final String stage;

    ImageFiles(DataRoot root, Path[] files, int channels, int size, SizePolicy policy, String stage) {
        this.root = root;
        this.files = files;
        this.channels = channels;
        this.size = size;
        this.policy = policy;
        this.stage = stage;
    }

    @Override
    public byte[][] read(int[] positions, Progress progress) throws IOException {
        byte[][] images = new byte[positions.length][];
        for (int k = 0; k < positions.length; k++) {
            Path file = root.file(files[positions[k]], "an image file (PNG, JPEG, BMP or GIF)");
            BufferedImage image = ImageDecoder.read(file);
            int width = image.getWidth();
            int height = image.getHeight();
            if (policy == SizePolicy.REQUIRE_EXACT && (width != size || height != size)) {
                throw new IOException("expected a " + size + "x" + size + " image in " + files[positions[k]]
                        + ", found " + width + "x" + height);
            }
            images[k] = ImageDecoder.resize(ImageDecoder.toChw(image, channels), channels, height, width, size, size);
            if ((k + 1) % 1000 == 0 || k + 1 == positions.length) {
                progress.report(stage, k + 1, positions.length, "");
            }
        }
        return images;
    }

    /** The image files directly inside {@code directory}, in natural name order. */
    static List<Path> list(Path directory) throws IOException {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(p -> ImageDecoder.isImageName(p.getFileName().toString()))
                    .forEach(images::add);
        }
        images.sort(Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder.INSTANCE));
        return images;
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
