package org.ssal.standalone.audit;

import org.ssal.standalone.export.LoggedEvent;

/**
 * An event of the log with the record it came from, so every finding can name that record.
 *
 * @param position its place in the campaign's log order ({@link LoggedEvent#EXPORT_ORDER})
 */
record Logged<T>(int position, LoggedEvent record, T event) {
    String origin() {
        return record.origin();
    }
}
