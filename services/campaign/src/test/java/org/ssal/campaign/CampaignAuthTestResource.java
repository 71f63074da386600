package org.ssal.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;
import org.ssal.service.testing.KafkaBrokerResource;

/** The broker plus a token file with an admin and an annotator token ({@code test.token.<name>}), auth on. */
public class CampaignAuthTestResource extends KafkaBrokerResource {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path file;
        try {
            file = Files.createTempDirectory("ssal-campaign-auth").resolve("tokens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TokenStore tokens = TokenStore.open(file);
        config.put("test.token.admin", tokens.create(Role.ADMIN, "lead", Set.of()));
        config.put("test.token.annotator", tokens.create(Role.ANNOTATOR, "alice", Set.of("auth-c1")));
        String revoked = tokens.create(Role.ADMIN, "former-lead", Set.of());
        tokens.revoke(revoked.split("_")[1]);
        config.put("test.token.revoked", revoked);
        config.put("ssal.auth.enabled", "true");
        config.put("ssal.auth.tokens-file", file.toString());
        return config;
    }
}
