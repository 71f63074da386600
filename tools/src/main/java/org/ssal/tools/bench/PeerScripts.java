package org.ssal.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a peer script is: a relative path is taken from the working directory, else from the
 * repository root that the {@code ./ssal} launcher passes as {@code -Dssal.home}, so that
 * {@code ./ssal bench ...} finds {@code bench/*.py} from any directory.
 */
final class PeerScripts {
    /** System property naming the repository root. */
    static final String HOME = "ssal.home";

    private PeerScripts() {
    }

    static Path resolve(String script) {
        Path path = Path.of(script);
        String home = System.getProperty(HOME);
        if (path.isAbsolute() || Files.exists(path) || home == null) {
            return path;
        }
        return Path.of(home).resolve(path);
    }
}
