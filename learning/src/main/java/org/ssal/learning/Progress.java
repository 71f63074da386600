package org.ssal.learning;

/**
 * Receives progress of long work (pretraining epochs, embedding batches) so that services and
 * the CLI can show it. The learning core never prints by itself.
 */
@FunctionalInterface
public interface Progress {
    /**
     * @param stage  what is running, e.g. "simsiam-epoch" or "embed"
     * @param done   units finished so far
     * @param total  units in all (0 when unknown)
     * @param detail short human text, e.g. "loss=-0.91 std=0.041"
     */
    void report(String stage, long done, long total, String detail);

    Progress NONE = (stage, done, total, detail) -> { };
}
