package org.ssal.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

/**
 * {@code ssal demo --oracle human}: the person at the keyboard is the oracle. The demo's services
 * use a token file of their own (a temporary folder, gone with the demo: its broker is in-JVM and
 * forgotten too), the page listens on a known port, and once the campaign exists an annotator
 * token for exactly that campaign is printed with the page's address.
 */
final class HumanDemo {
    /** The annotator id the demo's answers carry. */
    static final String ANNOTATOR = "you";

    private HumanDemo() {
    }

    /** Before the services start: the page's port and a fresh token file, auth on. */
    static Path prepare(int httpPort) {
        Path tokens;
        try {
            tokens = Files.createTempDirectory("ssal-demo-tokens-").resolve("tokens");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a token folder for the demo", e);
        }
        System.setProperty("quarkus.http.port", Integer.toString(httpPort));
        System.setProperty("ssal.auth.enabled", "true");
        System.setProperty("ssal.auth.tokens-file", tokens.toString());
        return tokens;
    }

    /** Once the campaign is created: a token for it, and where to use it (the gateway reads new tokens at once). */
    static String announce(PrintStream out, String campaignId, int httpPort, int budget, int timeoutMinutes) {
        Path file = Path.of(System.getProperty("ssal.auth.tokens-file"));
        String token = TokenStore.open(file).create(Role.ANNOTATOR, ANNOTATOR, Set.of(campaignId));
        out.println();
        out.println("ssal: you are the oracle. Open the labeling page and sign in with this token:");
        out.println("      http://localhost:" + httpPort + "/label/");
        out.println("      " + token);
        out.printf("ssal: waiting while you label %d samples (campaign %s; gives up after %d minutes, "
                + "--timeout-min). Keys 1-9 and 0 answer, U undoes, S skips.%n", budget, campaignId, timeoutMinutes);
        out.println();
        return token;
    }
}
