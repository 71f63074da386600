package org.ssal.standalone;

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

/**
 * The whole standalone app as {@code ssal serve} runs it, tokens on: an admin token and an
 * annotator token for {@link #CAMPAIGN} ({@code test.token.admin}, {@code test.token.annotator}).
 *
 * <p>One partition per topic: the Python vendor's librdkafka partitions by murmur2 only with
 * {@code partitioner=murmur2_random}, its default is CRC32, so with several partitions its labels
 * could land on another partition than the campaign's query batches, which the tracker does not
 * yet re-key. With the tracker's repartition by campaign id this can go back to the default.
 */
public class HumanCampaignTestResource extends KafkaBrokerResource {
    static final String CAMPAIGN = "vendor-" + Long.toHexString(System.nanoTime());

    @Override
    protected int partitions() {
        return 1;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path file;
        try {
            file = Files.createTempDirectory("ssal-standalone-tokens").resolve("tokens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TokenStore tokens = TokenStore.open(file);
        config.put("test.token.admin", tokens.create(Role.ADMIN, "lead", Set.of()));
        config.put("test.token.annotator", tokens.create(Role.ANNOTATOR, "alice", Set.of(CAMPAIGN)));
        config.put("test.campaign", CAMPAIGN);
        config.put("ssal.auth.enabled", "true");
        config.put("ssal.auth.tokens-file", file.toString());
        return config;
    }
}
