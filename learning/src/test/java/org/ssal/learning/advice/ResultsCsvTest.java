package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {
    private static final String HEADER = String.join(",", ResultsCsv.COLUMNS);

    private static List<ResultRow> tricky() {
        return List.of(
                new ResultRow("cifar10", 10, "entropy", true, 0.001, 7L, "c-1", 0, 50, 0.4123456789012345),
                new ResultRow("my, \"odd\"\nset", 3, "kcenter", false, 0.1, -3L, "id,with\"quote", 4, 120, 1.0),
                new ResultRow("tiny-imagenet", 200, "random", true, 0.02, Long.MAX_VALUE, "c-3", 12, 2000, 0.0));
    }

    @Test
    void shouldReadBackExactlyWhatItWroteWhenFieldsNeedQuoting(@TempDir Path dir) {
        Path file = dir.resolve("results.csv");
        ResultsCsv.write(file, tricky());
        assertEquals(tricky(), ResultsCsv.read(file));
    }

    @Test
    void shouldWriteHeaderOnceWhenAppendingTwice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.csv");
        ResultsCsv.append(file, tricky().subList(0, 1));
        ResultsCsv.append(file, tricky().subList(1, 3));
        assertEquals(tricky(), ResultsCsv.read(file));
        long headers = Files.readAllLines(file).stream().filter(HEADER::equals).count();
        assertEquals(1, headers);
    }

    @Test
    void shouldRefuseToAppendWhenTheExistingHeaderLacksAColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.csv");
        Files.writeString(file, "dataset,numClasses\n");
        ResultsCsvException e = assertThrows(ResultsCsvException.class, () -> ResultsCsv.append(file, tricky()));
        assertEquals("strategy", e.field());
        assertEquals(1, e.lineNumber());
    }

    @Test
    void shouldMatchColumnsByNameWhenTheyAreReordered() throws Exception {
        String csv = "accuracy,labeled,round,campaignId,seed,initialFraction,ssl,strategy,numClasses,dataset\n"
                + "0.5,100,2,c,9,0.01,false,vaal,10,cifar10\n";
        List<ResultRow> rows = ResultsCsv.read(new StringReader(csv), "mem");
        assertEquals(List.of(new ResultRow("cifar10", 10, "vaal", false, 0.01, 9, "c", 2, 100, 0.5)), rows);
    }

    @Test
    void shouldNameLineAndFieldWhenAccuracyIsNotANumber() {
        String csv = HEADER + "\n"
                + "cifar10,10,random,true,0.01,1,c1,0,100,0.5\n"
                + "cifar10,10,random,true,0.01,1,c1,1,200,abc\n";
        ResultsCsvException e = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(csv), "grid.csv"));
        assertEquals(3, e.lineNumber());
        assertEquals("accuracy", e.field());
        assertTrue(e.getMessage().startsWith("grid.csv line 3, field 'accuracy'"), e.getMessage());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void shouldCountPhysicalLinesWhenAnEarlierFieldSpansLines() {
        String csv = HEADER + "\n"
                + "\"two\nlines\",10,random,true,0.01,1,c1,0,100,0.5\n"
                + "cifar10,10,random,maybe,0.01,1,c1,1,200,0.6\n";
        ResultsCsvException e = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(csv), "grid.csv"));
        assertEquals(4, e.lineNumber());
        assertEquals("ssl", e.field());
    }

    @Test
    void shouldRejectValuesOutsideTheirRangeNamingTheField() {
        String csv = HEADER + "\n" + "cifar10,10,random,true,0.01,1,c1,0,-5,0.5\n";
        ResultsCsvException e = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(csv), "grid.csv"));
        assertEquals("labeled", e.field());
        assertEquals(2, e.lineNumber());
    }

    @Test
    void shouldRejectRecordsWithAMissingOrExtraField() {
        String shortRecord = HEADER + "\n" + "cifar10,10,random,true,0.01,1,c1,0,100\n";
        ResultsCsvException missing = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(shortRecord), "grid.csv"));
        assertEquals("accuracy", missing.field());
        String longRecord = HEADER + "\n" + "cifar,10,10,random,true,0.01,1,c1,0,100,0.5\n";
        ResultsCsvException extra = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(longRecord), "grid.csv"));
        assertEquals(2, extra.lineNumber());
    }

    @Test
    void shouldRejectAnUnclosedQuoteNamingTheLineItStarts() {
        String csv = HEADER + "\n" + "cifar10,10,random,true,0.01,1,c1,0,100,0.5\n" + "\"cifar10,10,random\n";
        ResultsCsvException e = assertThrows(ResultsCsvException.class,
                () -> ResultsCsv.read(new StringReader(csv), "grid.csv"));
        assertEquals(3, e.lineNumber());
        assertEquals("dataset", e.field());
    }

    @Test
    void shouldSkipBlankLinesAndAcceptCrLf() throws Exception {
        StringWriter out = new StringWriter();
        ResultsCsv.write(out, tricky().subList(0, 1));
        String crlf = out.toString().replace("\n", "\r\n") + "\r\n\r\n";
        assertEquals(tricky().subList(0, 1), ResultsCsv.read(new StringReader(crlf), "mem"));
    }
}
