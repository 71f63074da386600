package org.ssal.labeling.gateway;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.LabelingException.Kind;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

/**
 * Who is asking: the principal of the {@code Authorization: Bearer <token>} header, checked
 * against the token file {@code ssal.auth.tokens-file} (default {@code ~/.ssal/tokens}). The
 * file is read again when it changes (checked at most once a second), so a token made or revoked
 * with {@code ssal token} takes effect without a restart.
 *
 * <p>With {@code ssal.auth.enabled=false} every request acts as the admin {@code local} — for a
 * single-user laptop only; a warning says so at start. The token itself is never logged nor put
 * into an error: refusals name the header, not its value.
 */
@Singleton
public class BearerAuth {
    private static final Logger LOG = Logger.getLogger(BearerAuth.class);
    /** Who every request is when authentication is off. */
    static final Principal LOCAL = new Principal("local", "local", Role.ADMIN, Set.of());
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final boolean enabled;
    private final Path tokensFile;
    private TokenStore store;
    private FileTime loadedModified;
    private long loadedSize = -1;
    private long checkedAt;
    private boolean checkedOnce;

    @Inject
    BearerAuth(@ConfigProperty(name = "ssal.auth.enabled", defaultValue = "true") boolean enabled,
               @ConfigProperty(name = "ssal.auth.tokens-file") Optional<String> tokensFile) {
        this.enabled = enabled;
        this.tokensFile = tokensFile.filter(f -> !f.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".ssal", "tokens"));
    }

    void announce(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("ssal.auth.enabled=false: every request to /labeling acts as the admin 'local'; "
                    + "do not expose this port beyond your own machine");
        } else if (!Files.exists(tokensFile)) {
            LOG.warnf("no token file at %s: /labeling refuses every request (401) until tokens are made "
                    + "(ssal token create)", tokensFile);
        }
    }

    /**
     * The principal of an {@code Authorization} header value.
     *
     * @throws LabelingException UNAUTHORIZED when the header is missing, not a bearer token, or the token is unknown
     */
    public Principal principalOf(String authorization) {
        if (!enabled) {
            return LOCAL;
        }
        if (authorization == null || authorization.isBlank()) {
            throw new LabelingException(Kind.UNAUTHORIZED, "Authorization", null,
                    "sign in: send the header Authorization: Bearer <token>");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            // echo the scheme only: a header that is a bare token must not come back in the answer
            String scheme = parts.length == 2 && parts[0].matches("[A-Za-z]{1,20}") ? parts[0] : "(hidden)";
            throw new LabelingException(Kind.UNAUTHORIZED, "Authorization", scheme,
                    "the Authorization header must be 'Bearer <token>'");
        }
        return store().authenticate(parts[1]).orElseThrow(() -> new LabelingException(Kind.UNAUTHORIZED,
                "Authorization", "Bearer (hidden)", "unknown, revoked or mistyped token"));
    }

    private synchronized TokenStore store() {
        long now = System.nanoTime();
        if (checkedOnce && now - checkedAt < RECHECK_NANOS && store != null) {
            return store;
        }
        checkedOnce = true;
        checkedAt = now;
        FileTime modified = null;
        long size = -1;
        try {
            if (Files.exists(tokensFile)) {
                modified = Files.getLastModifiedTime(tokensFile);
                size = Files.size(tokensFile);
            }
        } catch (IOException e) {
            LOG.warnf("cannot read the token file %s: %s", tokensFile, e.getMessage());
        }
        if (store == null || size != loadedSize || !java.util.Objects.equals(modified, loadedModified)) {
            store = TokenStore.open(tokensFile);
            loadedModified = modified;
            loadedSize = size;
        }
        return store;
    }
}
