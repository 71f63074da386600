package org.ssal.learning.advice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link ResultRow}s as RFC 4180 CSV with a header line, so that grid results can
 * be appended campaign by campaign and opened in any spreadsheet.
 *
 * <p>Fields holding a comma, a double quote, CR or LF are quoted and inner quotes doubled. Doubles
 * are written with {@link Double#toString(double)}, which reads back to the same value. On reading,
 * columns are matched by header name (any order; unknown extra columns are ignored so that a newer
 * writer does not break an older reader), blank lines are skipped, and the first bad cell fails
 * with a {@link ResultsCsvException} naming its line and column.
 */
public final class ResultsCsv {
    /** Column names in the order they are written. */
    public static final List<String> COLUMNS = List.of("dataset", "numClasses", "strategy", "ssl", "initialFraction",
            "seed", "campaignId", "round", "labeled", "accuracy");

    private ResultsCsv() {
    }

    /** Writes a header and the rows, replacing the file. */
    public static void write(Path file, Collection<ResultRow> rows) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Appends rows; a missing or empty file gets the header first. An existing file must start
     * with a header naming every column, so rows never land under foreign columns.
     */
    public static void append(Path file, Collection<ResultRow> rows) {
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!fresh) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    columnIndex(parseRecords(in, file.toString(), 1), file.toString());
                }
                if (!endsWithNewline(file)) {
                    Files.writeString(file, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    writeRecord(out, COLUMNS);
                }
                for (ResultRow row : rows) {
                    writeRecord(out, fields(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Writes a header and the rows. */
    public static void write(Writer out, Collection<ResultRow> rows) throws IOException {
        writeRecord(out, COLUMNS);
        for (ResultRow row : rows) {
            writeRecord(out, fields(row));
        }
    }

    public static List<ResultRow> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a header and rows.
     *
     * @param source name used in error messages (a file name)
     * @throws ResultsCsvException on the first malformed record, naming its line and column
     */
    public static List<ResultRow> read(Reader in, String source) throws IOException {
        List<CsvRecord> records = parseRecords(in, source, Integer.MAX_VALUE);
        Map<String, Integer> index = columnIndex(records, source);
        List<ResultRow> rows = new ArrayList<>(Math.max(0, records.size() - 1));
        for (CsvRecord record : records.subList(1, records.size())) {
            rows.add(toRow(record, index, source));
        }
        return rows;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }

    private static List<String> fields(ResultRow r) {
        return List.of(r.dataset(), Integer.toString(r.numClasses()), r.strategy(), Boolean.toString(r.ssl()),
                Double.toString(r.initialFraction()), Long.toString(r.seed()), r.campaignId(),
                Integer.toString(r.round()), Integer.toString(r.labeled()), Double.toString(r.accuracy()));
    }

    private static void writeRecord(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write('\n');
    }

    static String quote(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static Map<String, Integer> columnIndex(List<CsvRecord> records, String source) {
        if (records.isEmpty()) {
            throw new ResultsCsvException(source, 1, null, "empty file, expected a header: " + String.join(",", COLUMNS));
        }
        CsvRecord header = records.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip();
            if (index.putIfAbsent(name, i) != null) {
                throw new ResultsCsvException(source, header.line(), name, "column appears twice in the header");
            }
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                throw new ResultsCsvException(source, header.line(), column,
                        "missing from the header " + header.fields() + ", expected " + COLUMNS);
            }
        }
        return index;
    }

    private static ResultRow toRow(CsvRecord record, Map<String, Integer> index, String source) {
        if (record.fields().size() > index.size()) {
            // most often an unquoted comma inside a name, which shifts every later cell
            throw new ResultsCsvException(source, record.line(), "column " + (index.size() + 1),
                    "the record has " + record.fields().size() + " fields, the header " + index.size());
        }
        Cells cells = new Cells(record, index, source);
        String dataset = cells.text("dataset");
        int numClasses = cells.integer("numClasses", 1);
        String strategy = cells.text("strategy");
        boolean ssl = cells.bool("ssl");
        double initialFraction = cells.fraction("initialFraction");
        long seed = cells.longValue("seed");
        String campaignId = cells.text("campaignId");
        int round = cells.integer("round", 0);
        int labeled = cells.integer("labeled", 0);
        double accuracy = cells.fraction("accuracy");
        return new ResultRow(dataset, numClasses, strategy, ssl, initialFraction, seed, campaignId, round, labeled, accuracy);
    }

    /** Typed access to one record's cells; every failure names the line and column. */
    private record Cells(CsvRecord record, Map<String, Integer> index, String source) {
        String raw(String column) {
            int i = index.get(column);
            if (i >= record.fields().size()) {
                throw fail(column, "missing: the record has " + record.fields().size() + " fields, the header "
                        + index.size());
            }
            return record.fields().get(i);
        }

        String text(String column) {
            try {
                return ResultRow.checkName(column, raw(column));
            } catch (ResultsCsvException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw fail(column, e.getMessage());
            }
        }

        int integer(String column, int min) {
            String value = raw(column).strip();
            try {
                return ResultRow.checkAtLeast(column, Integer.parseInt(value), min);
            } catch (NumberFormatException e) {
                throw fail(column, "not an integer: '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw fail(column, e.getMessage());
            }
        }

        long longValue(String column) {
            String value = raw(column).strip();
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw fail(column, "not an integer: '" + value + "'");
            }
        }

        double fraction(String column) {
            String value = raw(column).strip();
            try {
                return ResultRow.checkFraction(column, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw fail(column, "not a number: '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw fail(column, e.getMessage());
            }
        }

        boolean bool(String column) {
            String value = raw(column).strip();
            // strict: "yes" or "1" silently read as false would flip a whole curve to the baseline
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw fail(column, "expected true or false, got '" + value + "'");
        }

        ResultsCsvException fail(String column, String problem) {
            return new ResultsCsvException(source, record.line(), column, problem);
        }
    }

    /** One CSV record and the physical line it starts on. */
    private record CsvRecord(int line, List<String> fields) {
    }

    /** Splits RFC 4180 records, quoted fields may span lines; stops after {@code limit} records. */
    private static List<CsvRecord> parseRecords(Reader reader, String source, int limit) throws IOException {
        Reader in = reader.markSupported() ? reader : new BufferedReader(reader);
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean inQuotes = false;
        boolean afterQuote = false; // the cell's closing quote was seen: only , or end of line may follow
        boolean cellQuoted = false;
        int c;
        while ((c = in.read()) != -1 && records.size() < limit) {
            char ch = (char) c;
            if (inQuotes) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        inQuotes = false;
                        afterQuote = true;
                        if (next == -1) {
                            break;
                        }
                        in.reset();
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
                continue;
            }
            if (ch == ',') {
                fields.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
                cellQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                fields.add(cell.toString());
                if (!(fields.size() == 1 && fields.get(0).isEmpty() && !cellQuoted)) {
                    records.add(new CsvRecord(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                cell.setLength(0);
                afterQuote = false;
                cellQuoted = false;
                line++;
                recordLine = line;
            } else if (afterQuote) {
                throw new ResultsCsvException(source, line, fieldName(records, fields.size()),
                        "unexpected '" + ch + "' after a closing quote");
            } else if (ch == '"') {
                if (cell.length() > 0) {
                    throw new ResultsCsvException(source, line, fieldName(records, fields.size()),
                            "quote inside an unquoted field");
                }
                inQuotes = true;
                cellQuoted = true;
            } else {
                cell.append(ch);
            }
        }
        if (inQuotes) {
            throw new ResultsCsvException(source, recordLine, fieldName(records, fields.size()),
                    "quoted field not closed before the end of the file");
        }
        if (records.size() < limit && (!fields.isEmpty() || cell.length() > 0 || cellQuoted)) {
            fields.add(cell.toString());
            records.add(new CsvRecord(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    /** The header's name for column {@code i}, when the header is already parsed. */
    private static String fieldName(List<CsvRecord> records, int i) {
        if (records.isEmpty()) {
            return i < COLUMNS.size() ? COLUMNS.get(i) : "column " + (i + 1);
        }
        List<String> header = records.get(0).fields();
        return i < header.size() ? header.get(i).strip() : "column " + (i + 1);
    }
}
