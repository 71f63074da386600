package org.ssal.standalone.audit;

/**
 * One thing that does not match: which check, at which round (-1 for the campaign as a whole),
 * and the log record at fault (null when what is missing has no record, e.g. the end of the log).
 *
 * @param check    the check's name, one of {@link Check}
 * @param origin   the record, as {@code topic/partition@offset}
 * @param position the record's place in the log order, which decides which finding comes first
 */
public record Finding(String check, int round, String origin, int position, String message) {
    /** The checks an audit makes, by the names reports use. */
    public static final class Check {
        public static final String LOG = "log";
        public static final String DEFINITION = "definition";
        public static final String ROUNDS = "rounds";
        public static final String ARTIFACT = "artifact";
        public static final String BATCH = "batch";
        public static final String STRATEGY = "strategy";
        public static final String ENCODER = "encoder";
        public static final String EVALUATION = "evaluation";
        public static final String CHAIN = "chain";
        public static final String BUDGET = "budget";
        public static final String LABELS = "labels";
        public static final String REJECTED = "rejected";

        private Check() {
        }
    }

    static Finding at(String check, int round, Logged<?> record, String message) {
        return record == null ? new Finding(check, round, null, Integer.MAX_VALUE, message)
                : new Finding(check, round, record.origin(), record.position(), message);
    }

    @Override
    public String toString() {
        return (round >= 0 ? "round " + round + ": " : "") + check + ": " + message
                + (origin == null ? "" : " (" + origin + ")");
    }
}
