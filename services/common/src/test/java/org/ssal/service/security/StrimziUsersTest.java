package org.ssal.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes' KafkaUsers grant what {@link AclPlan} says, no more and no less, read as
 * YAML (so comments and layout may change, ACLs may not). The example vendor is {@code acme}.
 */
class StrimziUsersTest {
    private static final Path MANIFEST = Path.of("../../deploy/kubernetes/80-kafka-users.yaml");
    private static final List<String> VENDORS = List.of("acme");

    @Test
    void shouldGrantEveryKafkaUserExactlyWhatThePlanSays() throws IOException {
        List<AclPlan.Account> plan = AclPlan.accounts(VENDORS);
        Map<String, Set<String>> expected = aclsByUser(StrimziUsers.render(plan));
        Map<String, Set<String>> actual = aclsByUser(Files.readString(MANIFEST, StandardCharsets.UTF_8));

        if (!expected.equals(actual)) {
            Path regenerated = Path.of("target/80-kafka-users.yaml");
            Files.writeString(regenerated, StrimziUsers.render(plan), StandardCharsets.UTF_8);
            assertEquals(expected, actual, MANIFEST + " differs from AclPlan; what the plan says is in " + regenerated);
        }
        assertEquals(plan.size(), actual.size());
    }

    @Test
    void shouldUseScramAndSimpleAuthorizationForEveryUser() throws IOException {
        for (JsonNode user : documents(Files.readString(MANIFEST, StandardCharsets.UTF_8))) {
            String name = user.path("metadata").path("name").asText();
            assertEquals("KafkaUser", user.path("kind").asText(), name);
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(), name);
            assertEquals("simple", user.path("spec").path("authorization").path("type").asText(), name);
            assertEquals(StrimziUsers.CLUSTER, user.path("metadata").path("labels").path("strimzi.io/cluster").asText(), name);
        }
    }

    @Test
    void shouldSpellOperationsAsStrimziDoes() {
        assertEquals("DescribeConfigs", StrimziUsers.operation(org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS));
        assertEquals("Read", StrimziUsers.operation(org.apache.kafka.common.acl.AclOperation.READ));
    }

    /** user → "type name patternType operation" per ACL entry and operation. */
    private static Map<String, Set<String>> aclsByUser(String yaml) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode user : documents(yaml)) {
            Set<String> acls = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                String host = acl.path("host").asText("*");
                assertTrue(acl.path("operations").size() > 0, "an ACL without operations in " + user);
                for (JsonNode op : acl.path("operations")) {
                    acls.add(r.path("type").asText() + " " + r.path("name").asText() + " "
                            + r.path("patternType").asText("literal") + " " + op.asText() + " " + host);
                }
            }
            out.put(user.path("metadata").path("name").asText(), acls);
        }
        return out;
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            return docs.readAll().stream().filter(d -> d != null && !d.isMissingNode() && d.size() > 0).toList();
        }
    }
}
