package org.ssal.standalone.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssal.learning.advice.Advice;
import org.ssal.learning.advice.Advisor;
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.learning.advice.ResultsCsv;
import org.ssal.learning.advice.ThresholdRelation;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ssal advise}: random or active learning for the next labels, from the threshold relation
 * fitted on a grid's results — the user's own, or the built-in one measured by ssal's committed
 * grid ({@link MeasuredRelation}).
 */
@Command(name = "advise", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "random or active learning for the next labels, and why")
public final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classes", required = true, paramLabel = "C", converter = PositiveInt.class,
            description = "classes of the dataset")
    int classes;

    @Option(names = "--budget", required = true, paramLabel = "B", converter = PositiveInt.class,
            description = "labels held now (or the total budget, to ask whether AL pays off before it runs out)")
    int budget;

    @Option(names = "--results", paramLabel = "DIR",
            description = "a grid's results to fit the threshold on (default: the relation measured by ssal)")
    Path results;

    @Override
    public Integer call() throws IOException {
        Advice advice = Advisor.advise(classes, budget, relation(results));
        PrintWriter out = spec.commandLine().getOut();
        out.println(advice.strategy());
        out.println(advice.reason());
        out.flush();
        return 0;
    }

    private static ThresholdRelation relation(Path results) throws IOException {
        if (results == null) {
            return MeasuredRelation.builtIn();
        }
        Path file = results.resolve(GridResults.ROWS);
        return MeasuredRelation.fit(ResultsCsv.read(file), "fitted on " + file);
    }

    /** Counts of classes and labels: a whole number above zero. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int v = Integer.parseInt(value);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a positive integer, got '" + value + "'");
        }
    }
}
