package org.ssal.standalone.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.ssal.learning.analysis.Advisor;
import org.ssal.learning.analysis.MeasuredRelation;
import org.ssal.learning.analysis.ResultsCsv;
import org.ssal.learning.analysis.ThresholdRelation;

/**
 * {@code ssal advise --classes C --budget B [--results DIR]}: random or active learning for the
 * next labels, from the threshold relation fitted on a grid's results — the user's own, or the
 * built-in one measured by ssal's committed grid ({@link MeasuredRelation}).
 */
public final class AdviseCommand {
    static final String USAGE = "usage: ssal advise --classes C --budget B [--results DIR]\n";

    private AdviseCommand() {
    }

    public static int run(List<String> args, PrintStream out) throws IOException {
        Integer classes = null;
        Integer budget = null;
        Path results = null;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + args.get(i) + " needs a value\n" + USAGE);
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--classes" -> classes = positive("--classes", value);
                case "--budget" -> budget = positive("--budget", value);
                case "--results" -> results = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + USAGE);
            }
        }
        if (classes == null || budget == null) {
            throw new IllegalArgumentException("--classes and --budget are required\n" + USAGE);
        }
        ThresholdRelation relation = relation(results);
        org.ssal.learning.analysis.Advice advice = Advisor.advise(classes, budget, relation);
        out.println(advice.strategy());
        out.println(advice.reason());
        return 0;
    }

    static ThresholdRelation relation(Path results) throws IOException {
        if (results == null) {
            return MeasuredRelation.builtIn();
        }
        Path file = results.resolve(GridResults.ROWS);
        return MeasuredRelation.fit(ResultsCsv.read(file), "fitted on " + file);
    }

    private static int positive(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
    }
}
