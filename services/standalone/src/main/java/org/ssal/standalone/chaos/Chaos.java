package org.ssal.standalone.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the launchers and the run share: a hard kill, a log's tail, waiting for a condition with a deadline. */
final class Chaos {
    private static final Duration POLL = Duration.ofMillis(100);

    private Chaos() {
    }

    /** SIGKILL and wait for the process to be gone (Process.destroyForcibly is SIGKILL on Linux). */
    static void killHard(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing pid " + process.pid(), e);
        }
    }

    /**
     * Checks {@code condition} every 100 ms until it holds or {@code deadline} (a System.nanoTime)
     * passes; the condition may throw to give up early (a process that died).
     *
     * @throws ChaosTimeoutException naming {@code what} when the deadline passes first
     */
    static void await(String what, long deadline, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ChaosTimeoutException("no " + what + " before the deadline");
            }
            try {
                Thread.sleep(POLL.toMillis()); // between two checks of a condition, not instead of one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * A wait of the run that passed its deadline: the turn stops and reports what it has (an
     * IllegalStateException, so that outside a turn {@code ssal} reports it in one line, exit 1).
     */
    static final class ChaosTimeoutException extends IllegalStateException {
        ChaosTimeoutException(String message) {
            super(message);
        }
    }
}
