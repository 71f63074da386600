package org.ssal.schemas;

import java.util.List;
import java.util.Optional;

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

    /**
     * Classifier heads (DESIGN §1.2): {@code logistic} (multinomial logistic regression with
     * scikit-learn's stopping rule, the default), {@code softmax} (the same model solved to a
     * 100× smaller gradient, the default of campaigns created before 2026-12), {@code svm}.
     */
    public static final List<String> HEADS = List.of("logistic", "softmax", "svm");

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
    public static final String DEFAULT_HEAD = "logistic";

    /**
     * The encoder spec that lets the campaign choose its features every round: {@code auto} (the
     * candidates {@link #DEFAULT_AUTO_CANDIDATES}) or {@code auto:SPEC+SPEC[+...]}, two or more
     * distinct frozen encoders ({@code pixels}, {@code simsiam:NET}, {@code random-init:NET}).
     */
    public static final String AUTO_ENCODER = "auto";

    /** The candidates of a plain {@code auto}: the SSL encoder and raw pixels. */
    public static final List<String> DEFAULT_AUTO_CANDIDATES = List.of("simsiam:smallcnn", "pixels");

    private Catalogue() {
    }

    /**
     * What is wrong with an encoder spec's kind and network, or empty when both are known: the
     * grammar is {@code pixels | KIND:NETWORK[:WIDTH]}. The campaign API answers 400 with this and
     * ssl-learning's parser throws it, so both say the same; the network's own options (a width)
     * are checked where the network is built.
     */
    public static Optional<String> encoderSpecProblem(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.of("encoder spec must not be blank (e.g. " + DEFAULT_ENCODER + ")");
        }
        if (spec.equals("pixels") || spec.equals(AUTO_ENCODER)) {
            return Optional.empty();
        }
        if (spec.startsWith(AUTO_ENCODER + ":")) {
            return autoCandidatesProblem(spec);
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String network = colon < 0 ? "" : spec.substring(colon + 1);
        String family = network.contains(":") ? network.substring(0, network.indexOf(':')) : network;
        if (kind.equals("pixels") || !ENCODER_KINDS.contains(kind) || !NETWORKS.contains(family)) {
            return Optional.of("unknown encoder spec '" + spec + "' (known: pixels, auto, "
                    + String.join(", ", ENCODER_KINDS.subList(1, ENCODER_KINDS.size()).stream()
                            .map(k -> k + ":<network>").toList())
                    + "; networks " + String.join(", ", NETWORKS) + ", resnet18:<width>)");
        }
        return Optional.empty();
    }

    /** Whether the spec lets the campaign choose among candidate encoders ({@link #AUTO_ENCODER}). */
    public static boolean isAutoEncoder(String spec) {
        return spec != null && (spec.equals(AUTO_ENCODER) || spec.startsWith(AUTO_ENCODER + ":"));
    }

    /**
     * The candidate specs of an {@code auto} spec, in its order (the first serves round 0).
     *
     * @throws IllegalArgumentException when the spec is not a valid auto spec
     */
    public static List<String> autoCandidates(String spec) {
        if (!isAutoEncoder(spec)) {
            throw new IllegalArgumentException("encoder spec '" + spec + "' is not " + AUTO_ENCODER);
        }
        encoderSpecProblem(spec).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return spec.equals(AUTO_ENCODER) ? DEFAULT_AUTO_CANDIDATES
                : List.of(spec.substring(AUTO_ENCODER.length() + 1).split("\\+", -1));
    }

    private static Optional<String> autoCandidatesProblem(String spec) {
        List<String> candidates = List.of(spec.substring(AUTO_ENCODER.length() + 1).split("\\+", -1));
        if (candidates.size() < 2) {
            return Optional.of("encoder spec '" + spec + "' names " + candidates.size()
                    + " candidate; auto needs two or more joined by '+', e.g. auto:simsiam:smallcnn+pixels");
        }
        if (candidates.stream().distinct().count() < candidates.size()) {
            return Optional.of("encoder spec '" + spec + "' names a candidate twice");
        }
        for (String candidate : candidates) {
            if (isAutoEncoder(candidate) || candidate.startsWith("supervised:")) {
                return Optional.of("encoder spec '" + spec + "': candidate '" + candidate
                        + "' is not a frozen encoder (pixels, simsiam:<network> or random-init:<network>)");
            }
            Optional<String> problem = encoderSpecProblem(candidate);
            if (problem.isPresent()) {
                return Optional.of("encoder spec '" + spec + "': " + problem.get());
            }
        }
        return Optional.empty();
    }

    /** The names as a help text shows them: {@code a | b | c}. */
    public static String choices(List<String> names) {
        return String.join(" | ", names);
    }
}
