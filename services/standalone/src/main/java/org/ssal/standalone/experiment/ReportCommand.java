package org.ssal.standalone.experiment;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssal.learning.advice.ResultsCsv;
import org.ssal.tools.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssal report}: (re)writes a grid's plots and report.html from its rows.csv, e.g. for a grid still running. */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "(re)write the plots and report.html of a grid's results, e.g. for a grid still running")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, paramLabel = "DIR", description = "the grid's results folder")
    Path results;

    @Override
    public Integer call() {
        var rows = ResultsCsv.read(results.resolve(GridResults.ROWS));
        spec.commandLine().getOut().println("ssal: report written to " + HtmlReport.write(results, rows));
        return 0;
    }
}
