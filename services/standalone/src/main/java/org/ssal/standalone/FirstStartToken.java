package org.ssal.standalone;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

/**
 * What {@code ssal serve} does about tokens before the services start: it points both APIs at the
 * home's token file and, on the first start (no admin token yet), makes an admin token and prints
 * it once, as Jupyter does, so that a fresh install is usable and still locked. With
 * {@code --no-auth} it switches tokens off and says loudly that anyone on the port is an admin.
 */
final class FirstStartToken {
    /** The name of the admin token made on the first start. */
    static final String FIRST_ADMIN = "admin";

    private FirstStartToken() {
    }

    /**
     * Sets {@code ssal.auth.*} for the services and makes the first admin token if there is none.
     *
     * @param tokensFile the home's token file
     * @param noAuth     {@code --no-auth}
     * @param httpPort   the port the APIs will listen on, for the printed addresses
     * @return the token that was made, if one was
     */
    static Optional<String> prepare(Path tokensFile, boolean noAuth, int httpPort, PrintStream out) {
        if (noAuth) {
            System.setProperty("ssal.auth.enabled", "false");
            out.println("ssal: WARNING --no-auth: no tokens are checked; anyone who reaches port " + httpPort
                    + " may create and stop campaigns and label as 'local'. Use it on your own machine only.");
            return Optional.empty();
        }
        System.setProperty("ssal.auth.enabled", "true");
        System.setProperty("ssal.auth.tokens-file", tokensFile.toString());
        Optional<String> made = ensureAdmin(tokensFile);
        if (made.isPresent()) {
            out.println("ssal: first start: made an admin token (stored as a hash in " + tokensFile
                    + "). It is shown only now; keep it:");
            out.println();
            out.println("    " + made.get());
            out.println();
            out.println("      campaign API:  curl -H 'Authorization: Bearer <token>' http://localhost:" + httpPort + "/campaigns");
            out.println("      labeling page: http://localhost:" + httpPort + "/label/ (sign in with the token)");
            out.println("      more tokens:   ssal token create --role annotator --name NAME --campaigns ID,...");
        }
        return made;
    }

    /** A new admin token when the file has none (the token is returned, never logged). */
    static Optional<String> ensureAdmin(Path tokensFile) {
        TokenStore store = TokenStore.open(tokensFile);
        if (store.hasAny(Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(store.create(Role.ADMIN, FIRST_ADMIN, Set.of()));
    }
}
