package org.ssal.tools.cli;

import java.util.Iterator;
import java.util.List;
import org.ssal.schemas.Catalogue;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option whose value must be one of the {@link Catalogue}'s names. One subclass per list serves
 * as the option's {@code converter} (a bad value fails parsing, and picocli's message names the
 * option) and as its {@code completionCandidates}, which the help shows with
 * {@code ${COMPLETION-CANDIDATES}}.
 */
public abstract class CatalogueChoice implements ITypeConverter<String>, Iterable<String> {
    private final List<String> names;

    protected CatalogueChoice(List<String> names) {
        this.names = names;
    }

    /** The part of the value that must be a catalogue name: all of it, unless a subclass says otherwise. */
    protected String name(String value) {
        return value;
    }

    @Override
    public String convert(String value) {
        if (!names.contains(name(value))) {
            throw new TypeConversionException("'" + value + "' is not one of " + Catalogue.choices(names));
        }
        return value;
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }

    /** {@link Catalogue#STRATEGIES}, {@code auto} included. */
    public static final class Strategy extends CatalogueChoice {
        public Strategy() {
            super(Catalogue.STRATEGIES);
        }
    }

    /** {@link Catalogue#HEADS}. */
    public static final class Head extends CatalogueChoice {
        public Head() {
            super(Catalogue.HEADS);
        }
    }

    /** {@link Catalogue#DATASETS}. */
    public static final class Dataset extends CatalogueChoice {
        public Dataset() {
            super(Catalogue.DATASETS);
        }
    }

    /** {@link Catalogue#ORACLES}. */
    public static final class Oracle extends CatalogueChoice {
        public Oracle() {
            super(Catalogue.ORACLES);
        }
    }

    /**
     * An encoder spec, checked whole by {@link Catalogue#encoderSpecProblem} (the rule the campaign
     * API applies), so a bad network or {@code auto} candidate fails parsing too; the help lists the
     * kinds and {@link Catalogue#AUTO_ENCODER}.
     */
    public static final class EncoderKind extends CatalogueChoice {
        public EncoderKind() {
            super(java.util.stream.Stream.concat(Catalogue.ENCODER_KINDS.stream(), java.util.stream.Stream.of(
                    Catalogue.AUTO_ENCODER)).toList());
        }

        @Override
        public String convert(String value) {
            Catalogue.encoderSpecProblem(value).ifPresent(problem -> {
                throw new TypeConversionException(problem);
            });
            return value;
        }
    }
}
