package org.ssal.learning.advice;

/**
 * A results CSV that cannot be read: names the (1-based, physical) line on which the bad record
 * starts and the column at fault, so a user can open the file and fix that cell.
 */
public final class ResultsCsvException extends IllegalArgumentException {
    private final String source;
    private final int lineNumber;
    private final String field;

    ResultsCsvException(String source, int lineNumber, String field, String problem) {
        super(source + " line " + lineNumber + (field == null ? "" : ", field '" + field + "'") + ": " + problem);
        this.source = source;
        this.lineNumber = lineNumber;
        this.field = field;
    }

    public String source() {
        return source;
    }

    public int lineNumber() {
        return lineNumber;
    }

    /** The column at fault, or null when the problem is the record's shape (an unclosed quote). */
    public String field() {
        return field;
    }
}
