package org.ssal.service.security;

import java.util.List;

/** {@link AclPlan} as kafka-acls.sh calls, for docker-compose's setup container (deploy/compose). */
final class KafkaAclsScript {
    private KafkaAclsScript() {
    }

    static String render(List<AclPlan.Account> accounts) {
        StringBuilder out = new StringBuilder("""
                # Sourced by kafka-setup.sh, which defines acl() as kafka-acls.sh --add as the admin.
                # Generated from AclPlan (services/common): KafkaAclsScriptTest fails when this file and
                # the plan differ, and writes what the plan says to services/common/target/acls.sh.
                """);
        for (AclPlan.Account account : accounts) {
            out.append("\n# ").append(account.role()).append('\n');
            for (AclPlan.Grant g : account.grants()) {
                out.append("acl --allow-principal User:").append(account.user())
                        .append(" --operation ").append(StrimziUsers.operation(g.operation()))
                        .append(" --").append(flag(g)).append(' ').append(g.name())
                        .append(" --resource-pattern-type ").append(g.patternType().name().toLowerCase())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String flag(AclPlan.Grant g) {
        return switch (g.resourceType()) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional-id";
            default -> throw new IllegalArgumentException("no kafka-acls.sh flag for " + g.resourceType());
        };
    }
}
