package org.ssal.tools.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An image shape as the benches take it on the command line, {@code CxHxW} (e.g. 3x32x32). */
record ImageShape(int channels, int height, int width) {

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }

    /** Picocli's converter for {@code --shapes}; a bad shape fails parsing, naming the option. */
    static final class Converter implements ITypeConverter<ImageShape> {
        @Override
        public ImageShape convert(String value) {
            String[] p = value.trim().split("x");
            try {
                if (p.length == 3) {
                    ImageShape shape = new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                    if (shape.channels() > 0 && shape.height() > 0 && shape.width() > 0) {
                        return shape;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("shape must be CxHxW with positive sizes, got '" + value + "'");
        }
    }
}
