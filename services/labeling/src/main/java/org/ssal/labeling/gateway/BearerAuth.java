package org.ssal.labeling.gateway;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.LabelingException.Kind;
import org.ssal.service.auth.BearerTokens;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.Role;

/**
 * Who is asking: the principal of the {@code Authorization: Bearer <token>} header, checked by
 * {@link BearerTokens} against the token file {@code ssal.auth.tokens-file} (default: the home's,
 * {@code $SSAL_HOME/tokens} or {@code ~/.ssal/tokens}), which is read again when it changes.
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

    private final boolean enabled;
    private final BearerTokens tokens;

    @Inject
    BearerAuth(@ConfigProperty(name = "ssal.auth.enabled", defaultValue = "true") boolean enabled,
               @ConfigProperty(name = "ssal.auth.tokens-file") Optional<String> tokensFile) {
        this.enabled = enabled;
        this.tokens = new BearerTokens(BearerTokens.fileOf(tokensFile, System.getenv()));
    }

    void announce(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("ssal.auth.enabled=false: every request to /labeling acts as the admin 'local'; "
                    + "do not expose this port beyond your own machine");
        } else if (!Files.exists(tokens.file())) {
            LOG.warnf("no token file at %s: /labeling refuses every request (401) until tokens are made "
                    + "(ssal token create)", tokens.file());
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
        try {
            return tokens.principalOf(authorization);
        } catch (BearerTokens.Refusal refusal) {
            throw new LabelingException(Kind.UNAUTHORIZED, refusal.field(), refusal.shownValue(), refusal.getMessage());
        }
    }
}
