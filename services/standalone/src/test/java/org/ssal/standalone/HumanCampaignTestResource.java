package org.ssal.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.kafka.common.utils.Utils;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * The whole standalone app as {@code ssal serve} runs it, tokens on: an admin token and an
 * annotator token for {@link #CAMPAIGN} ({@code test.token.admin}, {@code test.token.annotator}).
 *
 * <p>The topics have the default partition count, and {@link #CAMPAIGN} is an id that the Python
 * vendor's librdkafka (default partitioner {@code consistent_random}: CRC32 of the key) puts on
 * another partition than Java's producers (murmur2): the vendor's labels then never share a
 * partition with the campaign's query batches, and the campaign completes only because the
 * tracker re-keys its inputs by campaign id.
 */
public class HumanCampaignTestResource extends KafkaBrokerResource {
    static final String CAMPAIGN = idOnAnotherPartitionThanJava("vendor-" + Long.toHexString(System.nanoTime()));

    /** The partition Java's default partitioner gives a record keyed {@code key}. */
    static int javaPartition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partition librdkafka's default partitioner ({@code consistent_random}) gives it. */
    static int librdkafkaPartition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    // about every second id qualifies, so a few tries suffice
    private static String idOnAnotherPartitionThanJava(String prefix) {
        for (int i = 0; ; i++) {
            String id = prefix + "-" + i;
            if (javaPartition(id, PARTITIONS) != librdkafkaPartition(id, PARTITIONS)) {
                return id;
            }
        }
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
