package org.ssal.standalone.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.ResultsCsv;

/**
 * The results folder of a grid: {@code rows.csv} holds every (cell, round, labeled, accuracy) of
 * the finished cells; a cell's rows are appended only once its campaign has spent its budget, so
 * the file alone tells a resumed run which cells are done.
 */
final class GridResults {
    static final String ROWS = "rows.csv";
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

    static String key(ResultRow row) {
        return String.join("|", row.dataset(), Double.toString(row.initialFraction()), row.strategy(),
                Boolean.toString(row.ssl()), Long.toString(row.seed()));
    }
}
