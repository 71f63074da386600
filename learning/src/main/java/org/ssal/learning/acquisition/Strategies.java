package org.ssal.learning.acquisition;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Registry of acquisition strategies by name, with their default configuration. */
public final class Strategies {
    private static final Map<String, Supplier<AcquisitionStrategy>> REGISTRY = new TreeMap<>(Map.of(
            "random", RandomStrategy::new,
            "entropy", EntropyStrategy::new,
            "svm-margin", SvmMarginStrategy::new,
            "kcenter", KCenterGreedyStrategy::new,
            "vaal", VaalStrategy::new,
            "typiclust", TypiClustStrategy::new));

    private Strategies() {
    }

    /** A strategy by name; unknown names fail listing the known ones. */
    public static AcquisitionStrategy create(String name) {
        Supplier<AcquisitionStrategy> factory = name == null ? null : REGISTRY.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "', known: " + names());
        }
        return factory.get();
    }

    /** Registered names, sorted. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }
}
