package org.ssal.schemas;

import java.util.List;

/**
 * The names a campaign may use, in one place: the campaign API validates against these lists, the
 * CLI prints them in its help, and ssal-learning's registries are tested to hold exactly these
 * names. They live in the public contract (not in ssal-learning) because a vendor or the campaign
 * API must know them without loading ND4J.
 *
 * <p>Adding a strategy, head or dataset: one name here, one registry line in ssal-learning, one
 * test; the registry-matches-catalogue test fails until both agree.
 */
public final class Catalogue {
    /** Datasets (DESIGN §7), in the order the help lists them. */
    public static final List<String> DATASETS =
            List.of("fashion-mnist", "cifar10", "cifar100", "tiny-imagenet", "image-folder", "synthetic");

    /** Acquisition strategies of ssal-learning (DESIGN §1.3, plus TypiClust), without {@link #AUTO_STRATEGY}. */
    public static final List<String> ACQUISITION_STRATEGIES =
            List.of("random", "entropy", "kcenter", "vaal", "svm-margin", "typiclust");

    /**
     * Not a strategy of its own: random below the measured labels-per-class threshold, then the best
     * measured AL strategy (the advisor decides, each switch is a StrategySwitched event).
     */
    public static final String AUTO_STRATEGY = "auto";

    /** What a campaign's {@code strategy} may be: every acquisition strategy and {@link #AUTO_STRATEGY}. */
    public static final List<String> STRATEGIES = List.of(
            "random", "entropy", "kcenter", "vaal", "svm-margin", "typiclust", AUTO_STRATEGY);

    /** Classifier heads (DESIGN §1.2). */
    public static final List<String> HEADS = List.of("softmax", "svm");

    /**
     * Encoder kinds, the part of an encoder spec before the first colon: {@code pixels} (raw
     * pixels, no network), {@code simsiam:NET} (SimSiam-pretrained), {@code random-init:NET} (the
     * same network untrained, a control), {@code supervised:NET} (the no-SSL baseline, retrained on
     * the labels every round).
     */
    public static final List<String> ENCODER_KINDS = List.of("pixels", "simsiam", "random-init", "supervised");

    /** Networks an encoder spec may name after its kind; {@code resnet18:W} scales the widths by W in (0, 4]. */
    public static final List<String> NETWORKS = List.of("smallcnn", "resnet18");

    /**
     * Who labels a campaign ({@code CampaignCreated.oracle}): {@code simulated} (ground truth, for
     * experiments) or {@code human} (people through the labeling gateway, or vendors over Kafka).
     */
    public static final List<String> ORACLES = List.of("simulated", "human");

    /** How a human campaign turns redundant annotations into one label (labeling gateway). */
    public static final List<String> AGGREGATIONS = List.of("majority", "dawid-skene");

    public static final String DEFAULT_ORACLE = "simulated";
    public static final String DEFAULT_AGGREGATION = "majority";
    public static final String DEFAULT_ENCODER = "pixels";
    public static final String DEFAULT_HEAD = "softmax";

    private Catalogue() {
    }

    /** The names as a help text shows them: {@code a | b | c}. */
    public static String choices(List<String> names) {
        return String.join(" | ", names);
    }
}
