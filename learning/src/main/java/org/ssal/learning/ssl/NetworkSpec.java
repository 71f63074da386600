package org.ssal.learning.ssl;

/**
 * A parsed network name, the part of an encoder spec after its kind: {@code smallcnn}, {@code resnet18} or {@code resnet18:W} (width
 * multiplier W in (0, 4]; channel counts are 64·W, 128·W, 256·W, 512·W, rounded, at least 4).
 */
public record NetworkSpec(String family, double width) {

    public static NetworkSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("encoder must not be blank");
        }
        String[] parts = spec.split(":", -1);
        String family = parts[0];
        if (!family.equals("smallcnn") && !family.equals("resnet18")) {
            throw new IllegalArgumentException("encoder must be smallcnn, resnet18 or resnet18:W, got " + spec);
        }
        double width = 1.0;
        if (parts.length == 2 && family.equals("resnet18")) {
            try {
                width = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("encoder width multiplier is not a number: " + spec);
            }
            if (!(width > 0 && width <= 4)) {
                throw new IllegalArgumentException("encoder width multiplier must be in (0, 4], got " + spec);
            }
        } else if (parts.length != 1) {
            throw new IllegalArgumentException("encoder must be smallcnn, resnet18 or resnet18:W, got " + spec);
        }
        return new NetworkSpec(family, width);
    }

    /** Channels of a ResNet stage whose full-width count is {@code base}. */
    public int channels(int base) {
        return Math.max(4, (int) Math.round(base * width));
    }
}
