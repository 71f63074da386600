package org.ssal.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.ssal.schemas.Topics;

/**
 * Who may do what on the cluster: one principal per service and per trusted vendor, each allowed
 * exactly what its code does (docs/security.md has it as a table). The one place the ACLs are
 * written; deploy/kubernetes' KafkaUsers are checked against it, tests apply it to a broker.
 *
 * <p>Every service checks the topics at start ({@code TopicAdmin}: list, describe, describe
 * configs) and creates the missing ones, whichever service starts first; so each may describe and
 * create every ssal topic, but reads and writes only its own. Only the budget tracker writes
 * {@code budget-state} and {@code labels}. Trainer, scorer and oracle also write {@code campaigns}
 * (a {@code CampaignFailed}) and {@code dead-letter} (a {@code Rejected}), which every
 * {@code TransactionalProcessor} may emit. Vendors read {@code query-batch}, write
 * {@code labels-received}, and use their own consumer group, nothing else.
 */
public final class AclPlan {
    public static final String CAMPAIGN = "ssal-campaign";
    public static final String TRAINER = "ssal-trainer";
    public static final String SCORER = "ssal-scorer";
    public static final String ORACLE = "ssal-oracle";
    public static final String LABELING = "ssal-labeling";
    /** The budget tracker's application.id (BudgetTopology.APPLICATION_ID): group, internal topics and transactional ids start with it. */
    public static final String TRACKER_APPLICATION_ID = "ssal-budget-tracker";
    /** The labeling gateway's transactional ids: {@code ssal-labeling-<instance id>} (LabelingGateway). */
    public static final String LABELING_TRANSACTIONAL_PREFIX = "ssal-labeling-";
    /** Vendor principals are {@code vendor-<name>}, their consumer groups start with the same (VendorLabels). */
    public static final String VENDOR_PREFIX = "vendor-";

    private static final Pattern VENDOR_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,50}");

    /** One ACL without its principal: resource, pattern and operation; always ALLOW, from any host. */
    public record Grant(ResourceType resourceType, String name, PatternType patternType, AclOperation operation) {
        public AclBinding binding(String user) {
            return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** A principal ({@code User:<user>}) and what it may do. */
    public record Account(String user, String role, List<Grant> grants) {
        public Account {
            grants = List.copyOf(grants);
        }

        public List<AclBinding> bindings() {
            return grants.stream().map(g -> g.binding(user)).toList();
        }
    }

    private AclPlan() {
    }

    /** The five service principals and one per vendor. */
    public static List<Account> accounts(Collection<String> vendors) {
        List<Account> all = new ArrayList<>(services());
        requireNoPrefixOfAnother(vendors);
        vendors.forEach(v -> all.add(vendor(v)));
        return all;
    }

    public static List<Account> services() {
        return List.of(campaign(), trainer(), scorer(), oracle(), labeling());
    }

    /** The campaign API (writes commands) and the budget tracker (Kafka Streams) in one process. */
    public static Account campaign() {
        List<Grant> g = topicBootstrap();
        // labels: the tracker rebuilds its label store from what it wrote there (LabelStore, no changelog)
        g.addAll(topics(AclOperation.READ, Topics.CAMPAIGNS, Topics.QUERY_BATCH, Topics.LABELS_RECEIVED,
                Topics.ROUND_EVALUATED, Topics.LABELS));
        g.addAll(topics(AclOperation.WRITE, Topics.CAMPAIGNS, Topics.BUDGET_STATE, Topics.LABELS, Topics.DEAD_LETTER));
        // Streams' repartition and changelog topics: created, purged (delete records), read and written by the app
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.DELETE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
            g.add(new Grant(ResourceType.TOPIC, TRACKER_APPLICATION_ID, PatternType.PREFIXED, op));
        }
        g.add(new Grant(ResourceType.GROUP, TRACKER_APPLICATION_ID, PatternType.PREFIXED, AclOperation.READ));
        // exactly_once_v2: <application.id>-<process id>-<thread>
        g.add(new Grant(ResourceType.TRANSACTIONAL_ID, TRACKER_APPLICATION_ID, PatternType.PREFIXED, AclOperation.WRITE));
        return new Account(CAMPAIGN, "campaign API + budget tracker", g);
    }

    public static Account trainer() {
        return processor(TRAINER, "trainer", "trainer",
                List.of(Topics.CAMPAIGNS, Topics.BUDGET_STATE, Topics.EMBEDDINGS_READY, Topics.ENCODER_CHOSEN,
                        Topics.LABELS),
                List.of(Topics.PRETRAIN_COMPLETE, Topics.EMBEDDINGS_READY, Topics.ENCODER_CHOSEN));
    }

    public static Account scorer() {
        return processor(SCORER, "scorer", "scorer",
                List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.BUDGET_STATE, Topics.QUERY_BATCH,
                        Topics.ROUND_EVALUATED, Topics.LABELS),
                List.of(Topics.QUERY_BATCH, Topics.ROUND_EVALUATED, Topics.STRATEGY_SWITCHED));
    }

    public static Account oracle() {
        return processor(ORACLE, "simulated oracle", "oracle", List.of(Topics.CAMPAIGNS, Topics.QUERY_BATCH),
                List.of(Topics.LABELS_RECEIVED));
    }

    /** The labeling gateway: reads without a consumer group, writes in transactions of its own id. */
    public static Account labeling() {
        List<Grant> g = topicBootstrap();
        g.addAll(topics(AclOperation.READ, Topics.CAMPAIGNS, Topics.QUERY_BATCH, Topics.LABELING));
        g.addAll(topics(AclOperation.WRITE, Topics.LABELING, Topics.LABELS_RECEIVED));
        g.add(new Grant(ResourceType.TRANSACTIONAL_ID, LABELING_TRANSACTIONAL_PREFIX, PatternType.PREFIXED,
                AclOperation.WRITE));
        return new Account(LABELING, "labeling gateway", g);
    }

    /**
     * A trusted vendor's oracle: reads query batches, writes labels, in its group
     * {@code vendor-<name>…} (prefixed, so it may run several groups).
     */
    public static Account vendor(String name) {
        if (name == null || !VENDOR_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("vendor name must match " + VENDOR_NAME + " (it becomes the user "
                    + VENDOR_PREFIX + "<name>), got '" + name + "'");
        }
        String user = VENDOR_PREFIX + name;
        List<Grant> g = new ArrayList<>();
        g.addAll(topics(AclOperation.READ, Topics.QUERY_BATCH));
        g.addAll(topics(AclOperation.WRITE, Topics.LABELS_RECEIVED));
        g.add(new Grant(ResourceType.GROUP, user, PatternType.PREFIXED, AclOperation.READ));
        return new Account(user, "vendor " + name, g);
    }

    /**
     * A TransactionalProcessor service: its consumer group and transactional ids are named after
     * the service ({@code <service>}, {@code <service>-<instance id>}); the group is also read by
     * the transaction that commits its offsets.
     */
    private static Account processor(String user, String role, String service, List<String> reads, List<String> writes) {
        List<Grant> g = topicBootstrap();
        g.addAll(topics(AclOperation.READ, reads.toArray(String[]::new)));
        List<String> allWrites = new ArrayList<>(writes);
        allWrites.add(Topics.CAMPAIGNS);     // CampaignFailed
        allWrites.add(Topics.DEAD_LETTER);   // Rejected
        g.addAll(topics(AclOperation.WRITE, allWrites.toArray(String[]::new)));
        g.add(new Grant(ResourceType.GROUP, service, PatternType.LITERAL, AclOperation.READ));
        g.add(new Grant(ResourceType.TRANSACTIONAL_ID, service + "-", PatternType.PREFIXED, AclOperation.WRITE));
        return new Account(user, role, g);
    }

    /** TopicAdmin.ensureTopics: sees every topic, checks its configs, creates what is missing. */
    private static List<Grant> topicBootstrap() {
        List<Grant> g = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE)) {
            g.addAll(topics(op, Topics.ALL.toArray(String[]::new)));
        }
        return g;
    }

    private static List<Grant> topics(AclOperation op, String... names) {
        List<Grant> g = new ArrayList<>();
        for (String name : names) {
            g.add(new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, op));
        }
        return g;
    }

    /** A vendor whose name starts another's would share its groups through the prefixed ACL. */
    private static void requireNoPrefixOfAnother(Collection<String> vendors) {
        for (String a : vendors) {
            for (String b : vendors) {
                if (!a.equals(b) && b.startsWith(a)) {
                    throw new IllegalArgumentException("vendor '" + a + "' is a prefix of vendor '" + b
                            + "': its group ACL (prefix " + VENDOR_PREFIX + a + ") would cover the other's groups");
                }
            }
        }
    }
}
