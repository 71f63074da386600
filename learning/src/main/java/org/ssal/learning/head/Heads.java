package org.ssal.learning.head;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Registry of classifier heads by name. A name stands for one definition for good (a campaign's
 * events record only the name, and an audit must re-derive old rounds): a changed head gets a new
 * name, as "logistic" did ({@link SoftmaxHead}).
 */
public final class Heads {
    private static final Map<String, Supplier<Classifier>> REGISTRY = new TreeMap<>(Map.of(
            "logistic", SoftmaxHead::logistic,
            "softmax", SoftmaxHead::softmax,
            "svm", LinearSvmHead::new));

    private Heads() {
    }

    /** A head by name ("logistic", "softmax", "svm"); unknown names fail listing the known ones. */
    public static Classifier create(String name) {
        Supplier<Classifier> factory = name == null ? null : REGISTRY.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown head '" + name + "', known: " + names());
        }
        return factory.get();
    }

    /** Registered names, sorted. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }
}
