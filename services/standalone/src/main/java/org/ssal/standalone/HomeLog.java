package org.ssal.standalone;

import java.io.PrintWriter;
import java.util.function.Function;
import org.ssal.service.SsalHome;

/**
 * How the commands that read a campaign's log from a home reach it ({@code export}, {@code audit}):
 * they start the home's own durable broker, under the home's lock, so a {@code serve} running on
 * the home makes them refuse rather than open a second broker on the same log folder.
 */
final class HomeLog {
    private HomeLog() {
    }

    /** Runs {@code work} with the bootstrap address of the home's broker, which is stopped afterwards. */
    static <T> T read(SsalHome home, PrintWriter out, Function<String, T> work) {
        try (HomeRuntime runtime = HomeRuntime.open(home, null, BrokerAddress.anyFreeLoopback())) {
            out.println("ssal: reading the log of home " + home + " (in-JVM broker at " + runtime.bootstrapServers() + ")");
            out.flush();
            return work.apply(runtime.bootstrapServers());
        }
    }
}
