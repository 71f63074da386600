package org.ssal.service.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ssal.service.SsalHome;

/**
 * The rules every HTTP API of ssal applies to {@code Authorization: Bearer <token>}: who the
 * header names, checked against a {@link TokenStore} file. The file is read again when it changes
 * (checked at most once a second), so a token made or revoked with {@code ssal token} takes effect
 * without a restart. Plain Java: the labeling gateway and the campaign API adapt it to their
 * error answers.
 *
 * <p>A refusal never carries the token: it names the header and shows at most the scheme.
 */
public final class BearerTokens {
    /**
     * Name of the OpenAPI security scheme ({@code type: http, scheme: bearer}) that every guarded
     * resource declares: one name, so the standalone app's one document (campaign API and gateway
     * together) has one scheme and a client generator asks for one token.
     */
    public static final String OPENAPI_SCHEME = "bearer";
    /** What the OpenAPI document says about the token. */
    public static final String OPENAPI_DESCRIPTION = "A token made with `ssal token create` (ssal_<id>_<secret>), "
            + "sent as `Authorization: Bearer <token>`; the campaign API takes admin tokens, the labeling API "
            + "annotator tokens of the campaigns listed on them (or admin tokens). `ssal serve --no-auth` checks none.";
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Path file;
    private TokenStore store;
    private FileTime loadedModified;
    private long loadedSize = -1;
    private long checkedAt;
    private boolean checkedOnce;

    public BearerTokens(Path file) {
        this.file = file;
    }

    /**
     * The token file of {@code ssal.auth.tokens-file}, or else the home's ({@link SsalHome#tokens()}:
     * {@code $SSAL_HOME/tokens}, {@code ~/.ssal/tokens}), so that {@code ssal token create --home DIR}
     * and a service started with {@code SSAL_HOME=DIR} agree without further settings.
     */
    public static Path fileOf(Optional<String> setting, Map<String, String> environment) {
        return setting.filter(f -> !f.isBlank()).map(Path::of)
                .orElseGet(() -> SsalHome.resolve(null, environment).tokens());
    }

    public Path file() {
        return file;
    }

    /**
     * The principal an {@code Authorization} header value names.
     *
     * @throws Refusal when the header is missing, not a bearer token, or the token unknown, revoked or wrong
     */
    public Principal principalOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Refusal(null, "sign in: send the header Authorization: Bearer <token>");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            // echo the scheme only: a header that is a bare token must not come back in the answer
            String scheme = parts.length == 2 && parts[0].matches("[A-Za-z]{1,20}") ? parts[0] : "(hidden)";
            throw new Refusal(scheme, "the Authorization header must be 'Bearer <token>'");
        }
        return store().authenticate(parts[1])
                .orElseThrow(() -> new Refusal("Bearer (hidden)", "unknown, revoked or mistyped token"));
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
            if (Files.exists(file)) {
                modified = Files.getLastModifiedTime(file);
                size = Files.size(file);
            }
        } catch (IOException e) {
            // unreadable now: keep what was loaded; the next check tries again
            return store != null ? store : TokenStore.open(file);
        }
        if (store == null || size != loadedSize || !Objects.equals(modified, loadedModified)) {
            store = TokenStore.open(file);
            loadedModified = modified;
            loadedSize = size;
        }
        return store;
    }

    /**
     * Not signed in (HTTP 401). The field is always {@code Authorization}.
     */
    public static final class Refusal extends RuntimeException {
        private final String shownValue;

        Refusal(String shownValue, String message) {
            super(message);
            this.shownValue = shownValue;
        }

        /** The header field the refusal is about. */
        public String field() {
            return "Authorization";
        }

        /** What of the header may be shown back: null, the scheme, or a placeholder; never the token. */
        public String shownValue() {
            return shownValue;
        }
    }
}
