package org.ssal.learning.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to {@link DatasetSpec#options()}, refusing unknown keys and bad values by name. */
final class LoaderOptions {
    private final String dataset;
    private final Map<String, String> values;

    LoaderOptions(String dataset, Map<String, String> values, Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for dataset " + dataset
                        + "; known options: " + new TreeSet<>(known));
            }
        }
        this.dataset = dataset;
        this.values = values;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " of " + dataset
                    + " must be an integer, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + key + " of " + dataset + " must be in ["
                    + min + ", " + max + "], got " + value);
        }
        return value;
    }

    double decimal(String key, double defaultValue, double min, double max) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " of " + dataset
                    + " must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("option " + key + " of " + dataset + " must be in ["
                    + min + ", " + max + "], got " + value);
        }
        return value;
    }

    String choice(String key, String defaultValue, Set<String> allowed) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        String value = text.trim();
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("option " + key + " of " + dataset + " must be one of "
                    + new TreeSet<>(allowed) + ", got '" + text + "'");
        }
        return value;
    }

    /** Option {@code channels}: 1 (grey) or 3 (RGB). */
    int channels(int defaultValue) {
        int channels = integer("channels", defaultValue, 1, 3);
        if (channels == 2) {
            throw new IllegalArgumentException("option channels of " + dataset + " must be 1 or 3, got 2");
        }
        return channels;
    }
}
