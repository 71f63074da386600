package org.ssal.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

/** Least privilege, as the plan states it; AclEnforcementIT shows a broker enforcing it. */
class AclPlanTest {

    @Test
    void shouldLetOnlyTheBudgetTrackerWriteTheLedgerTopics() {
        for (String topic : List.of(Topics.BUDGET_STATE, Topics.LABELS)) {
            assertEquals(Set.of(AclPlan.CAMPAIGN), writersOf(topic), topic);
        }
    }

    @Test
    void shouldLetAVendorReadBatchesWriteLabelsAndUseItsGroupOnly() {
        AclPlan.Account acme = AclPlan.vendor("acme");

        assertEquals("vendor-acme", acme.user());
        assertEquals(Set.of(
                new AclPlan.Grant(ResourceType.TOPIC, Topics.QUERY_BATCH, PatternType.LITERAL, AclOperation.READ),
                new AclPlan.Grant(ResourceType.TOPIC, Topics.LABELS_RECEIVED, PatternType.LITERAL, AclOperation.WRITE),
                new AclPlan.Grant(ResourceType.GROUP, "vendor-acme", PatternType.PREFIXED, AclOperation.READ)),
                Set.copyOf(acme.grants()));
    }

    @Test
    void shouldGiveEachLabelProducerWriteOnLabelsReceivedAndNobodyElse() {
        assertEquals(Set.of(AclPlan.ORACLE, AclPlan.LABELING, "vendor-acme"), writersOf(Topics.LABELS_RECEIVED));
        assertEquals(Set.of(AclPlan.SCORER), writersOf(Topics.QUERY_BATCH));
    }

    @Test
    void shouldNameOnePrincipalPerServiceAndVendor() {
        List<String> users = AclPlan.accounts(List.of("acme", "labelbox")).stream().map(AclPlan.Account::user).toList();

        assertEquals(List.of("ssal-campaign", "ssal-trainer", "ssal-scorer", "ssal-oracle", "ssal-labeling",
                "vendor-acme", "vendor-labelbox"), users);
    }

    @Test
    void shouldBindEveryGrantToItsUserAsAnAllowFromAnyHost() {
        AclPlan.campaign().bindings().forEach(b -> {
            assertEquals("User:ssal-campaign", b.entry().principal());
            assertEquals("*", b.entry().host());
            assertEquals(org.apache.kafka.common.acl.AclPermissionType.ALLOW, b.entry().permissionType());
        });
    }

    @Test
    void shouldRefuseAVendorWhoseNameStartsAnothersBecauseTheirGroupsWouldOverlap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AclPlan.accounts(List.of("acme", "acme2")));

        assertTrue(e.getMessage().contains("'acme'") && e.getMessage().contains("'acme2'"), e.getMessage());
    }

    @Test
    void shouldNameTheValueWhenAVendorNameIsNotAUserName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclPlan.vendor("Acme Corp"));

        assertTrue(e.getMessage().contains("'Acme Corp'"), e.getMessage());
    }

    private static Set<String> writersOf(String topic) {
        return AclPlan.accounts(List.of("acme")).stream()
                .filter(a -> a.grants().stream().anyMatch(g -> g.resourceType() == ResourceType.TOPIC
                        && g.name().equals(topic) && g.operation() == AclOperation.WRITE))
                .map(AclPlan.Account::user).collect(Collectors.toSet());
    }
}
