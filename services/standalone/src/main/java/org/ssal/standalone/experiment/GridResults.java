package org.ssal.standalone.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ssal.events.EncoderChosen;
import java.util.List;
import java.util.Set;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.ResultsCsv;

/**
 * The results folder of a grid: {@code rows.csv} holds every (cell, round, labeled, accuracy) of
 * the finished cells; a cell's rows are appended only once its campaign has spent its budget, so
 * the file alone tells a resumed run which cells are done. Cells of an {@code auto} encoder also
 * append their feature choices to {@code encoder-choices.csv}: one line per EncoderChosen, with
 * each candidate's cross-validated accuracy, so a grid shows how often each encoder was picked.
 */
final class GridResults {
    static final String ROWS = "rows.csv";
    static final String ENCODER_CHOICES = "encoder-choices.csv";
    static final String ENCODER_CHOICES_HEADER =
            "dataset,strategy,ssl,initialFraction,seed,campaignId,round,labeled,chosen,rule,candidates";
    private final Path dir;

    GridResults(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    Path rowsFile() {
        return dir.resolve(ROWS);
    }

    List<ResultRow> rows() throws IOException {
        return Files.exists(rowsFile()) ? ResultsCsv.read(rowsFile()) : List.of();
    }

    Set<String> finishedCellKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        for (ResultRow row : rows()) {
            keys.add(key(row));
        }
        return keys;
    }

    void append(List<ResultRow> rows) throws IOException {
        ResultsCsv.append(rowsFile(), rows);
    }

    /** The cell's EncoderChosen events, in round order; nothing for a fixed encoder. */
    void appendEncoderChoices(GridSpec.Cell cell, String campaignId, List<EncoderChosen> choices) throws IOException {
        if (choices.isEmpty()) {
            return;
        }
        Path file = dir.resolve(ENCODER_CHOICES);
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            lines.add(ENCODER_CHOICES_HEADER);
        }
        choices.stream().sorted(Comparator.comparingInt(EncoderChosen::getRound)).forEach(c -> lines.add(String.join(",",
                cell.label(), cell.strategy(), Boolean.toString(cell.ssl()), Double.toString(cell.initialFraction()),
                Long.toString(cell.seed()), campaignId, Integer.toString(c.getRound()), Integer.toString(c.getLabeled()),
                c.getChosen(), c.getRule(), c.getCandidates().stream()
                        .map(k -> k.getEncoderSpec() + "=" + String.format(Locale.ROOT, "%.4f", k.getAccuracy()))
                        .collect(Collectors.joining(" ")))));
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String key(ResultRow row) {
        return String.join("|", row.dataset(), Double.toString(row.initialFraction()), row.strategy(),
                Boolean.toString(row.ssl()), Long.toString(row.seed()));
    }
}
