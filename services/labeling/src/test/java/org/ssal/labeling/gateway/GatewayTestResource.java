package org.ssal.labeling.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * The in-JVM broker of {@link KafkaBrokerResource} plus a token file: tokens are scoped to
 * campaign ids, so the campaigns of a run are named here ({@code <name>-<run>}, fresh per run so
 * that an external broker's earlier runs do not interfere) and the tests read ids and tokens back
 * from the config ({@code test.run}, {@code test.token.<name>}).
 */
public class GatewayTestResource extends KafkaBrokerResource {
    /** Campaigns alice may label; bob only the ones he shares with her; carol one of her own. */
    static final String[] ALICE = {"main", "expiry", "redundant", "page", "bench"};
    static final String[] BOB = {"main", "redundant"};
    static final String[] CAROL = {"elsewhere"};

    private Path dir;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            dir = Files.createTempDirectory("ssal-gateway-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve("tokens");
        TokenStore tokens = TokenStore.open(file);
        config.put("test.run", run);
        config.put("test.token.alice", tokens.create(Role.ANNOTATOR, "alice", scoped(ALICE, run)));
        config.put("test.token.bob", tokens.create(Role.ANNOTATOR, "bob", scoped(BOB, run)));
        config.put("test.token.carol", tokens.create(Role.ANNOTATOR, "carol", scoped(CAROL, run)));
        config.put("test.token.lead", tokens.create(Role.ADMIN, "lead", Set.of()));
        config.put("ssal.auth.enabled", "true");
        config.put("ssal.auth.tokens-file", file.toString());
        // expiry is what a test waits for: look often
        config.put("ssal.labeling.expiry-interval", "200ms");
        config.put("ssal.instance-id", "test-" + run);
        return config;
    }

    private static Set<String> scoped(String[] names, String run) {
        Set<String> ids = new java.util.HashSet<>();
        for (String name : names) {
            ids.add(name + "-" + run);
        }
        return ids;
    }

    @Override
    public void stop() {
        super.stop();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
