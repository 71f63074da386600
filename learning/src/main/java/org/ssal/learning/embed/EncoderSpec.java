package org.ssal.learning.embed;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ssal.schemas.Catalogue;

/**
 * A campaign's parsed encoder spec: {@code pixels | simsiam:NET | random-init:NET | supervised:NET}
 * with NET = {@code smallcnn | resnet18[:W]}. The network part is checked in full (width range)
 * where a network is built, by {@link org.ssal.learning.ssl.NetworkSpec}.
 *
 * @param kind    how the encoder comes about
 * @param network the network after the kind, e.g. {@code resnet18:0.25}; null for {@link Kind#PIXELS}
 */
public record EncoderSpec(Kind kind, String network) {
    /** The baseline's network when the campaign names none ("AL without SSL" on the small CNN). */
    public static final String DEFAULT_BASELINE_NETWORK = "smallcnn";

    /** The part of a spec before the first colon. */
    public enum Kind {
        /** Raw pixels, no network. */
        PIXELS("pixels"),
        /** SimSiam-pretrained on the pool, then frozen. */
        SIMSIAM("simsiam"),
        /** The same network untrained, a control for what pretraining adds. */
        RANDOM_INIT("random-init"),
        /** The no-SSL baseline: trained supervised from scratch on the labels after every round. */
        SUPERVISED("supervised");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as a spec writes it. */
        public String label() {
            return label;
        }

        /** The kinds as specs write them, in declaration order. */
        public static List<String> labels() {
            return Arrays.stream(values()).map(Kind::label).toList();
        }
    }

    public EncoderSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PIXELS) != (network == null)) {
            throw new IllegalArgumentException("encoder kind " + kind.label()
                    + (network == null ? " needs a network" : " takes no network"));
        }
    }

    /** Parses a spec; the exception names the spec and the known kinds and networks. */
    public static EncoderSpec parse(String spec) {
        Catalogue.encoderSpecProblem(spec).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (Catalogue.isAutoEncoder(spec)) {
            throw new IllegalArgumentException("encoder spec '" + spec + "' chooses among "
                    + Catalogue.autoCandidates(spec) + " every round; it is not one encoder");
        }
        if (spec.equals(Kind.PIXELS.label())) {
            return new EncoderSpec(Kind.PIXELS, null);
        }
        int colon = spec.indexOf(':');
        String kindLabel = spec.substring(0, colon);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label().equals(kindLabel)).findFirst().orElseThrow();
        return new EncoderSpec(kind, spec.substring(colon + 1));
    }

    /**
     * The encoder of a no-SSL campaign: its spec when that names a supervised network, otherwise
     * {@code supervised:smallcnn} (the campaign default {@code pixels} says nothing about the baseline).
     */
    public static EncoderSpec baselineOf(String spec) {
        return spec != null && spec.startsWith(Kind.SUPERVISED.label() + ":") ? parse(spec)
                : new EncoderSpec(Kind.SUPERVISED, DEFAULT_BASELINE_NETWORK);
    }

    /**
     * Training epochs for this encoder: none for pixels and the untrained control, otherwise the
     * campaign's own count when it sets one ({@code requested > 0}), else {@code defaultEpochs}.
     */
    public int epochs(int requested, int defaultEpochs) {
        if (kind == Kind.PIXELS || kind == Kind.RANDOM_INIT) {
            return 0;
        }
        return requested > 0 ? requested : defaultEpochs;
    }

    @Override
    public String toString() {
        return network == null ? kind.label() : kind.label() + ":" + network;
    }
}
