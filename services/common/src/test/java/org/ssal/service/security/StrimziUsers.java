package org.ssal.service.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/** {@link AclPlan} as Strimzi KafkaUser resources (SCRAM-SHA-512, simple authorization). */
final class StrimziUsers {
    static final String CLUSTER = "ssal";
    static final String NAMESPACE = "ssal";

    private StrimziUsers() {
    }

    static String render(List<AclPlan.Account> accounts) {
        StringBuilder out = new StringBuilder("""
                # One KafkaUser per ssal service and per trusted vendor (Strimzi's User Operator makes
                # the SCRAM-SHA-512 password and puts it in the Secret of the same name). Generated from
                # AclPlan (services/common): StrimziUsersTest fails when this file and the plan differ,
                # and writes what the plan says to services/common/target/80-kafka-users.yaml.
                # The table is in docs/security.md.
                """);
        for (AclPlan.Account account : accounts) {
            out.append("---\n")
                    .append("# ").append(account.role()).append('\n')
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaUser\n")
                    .append("metadata:\n")
                    .append("  name: ").append(account.user()).append('\n')
                    .append("  namespace: ").append(NAMESPACE).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  authentication:\n")
                    .append("    type: scram-sha-512\n")
                    .append("  authorization:\n")
                    .append("    type: simple\n")
                    .append("    acls:\n");
            // one entry per resource with all its operations, in the plan's order
            Map<String, List<String>> byResource = new LinkedHashMap<>();
            for (AclPlan.Grant g : account.grants()) {
                String resource = "{type: " + type(g.resourceType()) + ", name: " + g.name() + ", patternType: "
                        + pattern(g.patternType()) + "}";
                byResource.computeIfAbsent(resource, r -> new ArrayList<>()).add(operation(g.operation()));
            }
            byResource.forEach((resource, ops) -> out.append("      - resource: ").append(resource).append('\n')
                    .append("        operations: [").append(String.join(", ", ops)).append("]\n"));
        }
        return out.toString();
    }

    static String type(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new IllegalArgumentException("Strimzi has no ACL resource type for " + type);
        };
    }

    static String pattern(PatternType pattern) {
        return switch (pattern) {
            case LITERAL -> "literal";
            case PREFIXED -> "prefix";
            default -> throw new IllegalArgumentException("Strimzi has no ACL pattern type for " + pattern);
        };
    }

    /** READ → Read, DESCRIBE_CONFIGS → DescribeConfigs. */
    static String operation(AclOperation op) {
        StringBuilder name = new StringBuilder();
        for (String part : op.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
