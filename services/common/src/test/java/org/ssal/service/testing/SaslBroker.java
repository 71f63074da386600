package org.ssal.service.testing;

import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.ssal.service.TopicAdmin;
import org.ssal.service.TopicSettings;
import org.ssal.service.security.KafkaSecurity;

/**
 * An in-JVM KRaft broker that asks every client for SCRAM-SHA-512 and checks ACLs
 * (StandardAuthorizer), as a secured cluster does.
 *
 * <p>Three listeners: CLIENT (SASL_PLAINTEXT, SCRAM-SHA-512 only) for every principal under test;
 * BROKER (SASL_PLAINTEXT, PLAIN with one static user, the super user {@code admin}) for the
 * broker's own inter-broker traffic (transaction markers) and for the test's admin, because SCRAM
 * credentials live in the cluster metadata and so cannot exist before the broker runs; and the
 * KRaft CONTROLLER listener, PLAINTEXT as EmbeddedKafkaBroker formats it: its unauthenticated
 * principal ANONYMOUS must be a super user for the broker to register with its controller. A
 * production cluster secures that listener too (Strimzi: mutual TLS).
 */
public final class SaslBroker implements AutoCloseable {
    public static final String ADMIN = "admin";

    private final EmbeddedKafkaBroker broker;
    private final String clientBootstrap;
    private final String adminBootstrap;
    private final String adminPassword;

    private SaslBroker(EmbeddedKafkaBroker broker, String clientBootstrap, String adminBootstrap, String adminPassword) {
        this.broker = broker;
        this.clientBootstrap = clientBootstrap;
        this.adminBootstrap = adminBootstrap;
        this.adminPassword = adminPassword;
    }

    public static SaslBroker start() {
        String host = "127.0.0.1";
        int clientPort = freePort();
        int brokerPort = freePort();
        String adminPassword = UUID.randomUUID().toString();
        String client = host + ":" + clientPort;
        String internal = host + ":" + brokerPort;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withKafkaHost(host).withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    String controller = Arrays.stream(props.getProperty("listeners").split(","))
                            .filter(l -> l.startsWith("CONTROLLER://")).findFirst().orElseThrow();
                    props.put("listeners", "CLIENT://" + client + ",BROKER://" + internal + "," + controller);
                    props.put("advertised.listeners", "CLIENT://" + client + ",BROKER://" + internal);
                    props.put("listener.security.protocol.map",
                            "CLIENT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
                    props.put("inter.broker.listener.name", "BROKER");
                    props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
                    props.put("listener.name.broker.sasl.enabled.mechanisms", "PLAIN");
                    props.put("listener.name.broker.plain.sasl.jaas.config", plainLogin(adminPassword)
                            .replace(";", " user_" + ADMIN + "=\"" + adminPassword + "\";"));
                    props.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
                    props.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                    props.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
                    props.put("allow.everyone.if.no.acl.found", "false");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("auto.create.topics.enable", "false");
                })
                .start();
        return new SaslBroker(broker, client, internal, adminPassword);
    }

    /** Where principals connect (SCRAM-SHA-512). */
    public String bootstrapServers() {
        return clientBootstrap;
    }

    /** The super user, on the PLAIN listener: creates users, topics and ACLs. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, adminBootstrap);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, plainLogin(adminPassword));
        return props;
    }

    /** A client of {@code user}: the CLIENT listener and its SCRAM login, as KafkaSecurity builds it. */
    public Properties clientProperties(String user, String password) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, clientBootstrap);
        props.putAll(KafkaSecurity.scram(user, password).clientProperties());
        return props;
    }

    /** The topics of DESIGN §3, created by the admin: principals may not need to. */
    public void createTopics(int partitions) {
        TopicAdmin.ensureTopics(adminBootstrap, TopicSettings.singleNode(partitions), adminProperties());
    }

    /** Creates (or replaces) SCRAM-SHA-512 credentials and waits until the broker accepts them. */
    public void createUser(String user, String password) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create SCRAM credentials of " + user, e);
        }
        // the controller has committed them; the broker serves them once it applied that metadata
        Properties login = clientProperties(user, password);
        await("broker accepts the login of " + user).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> {
                    try (Admin probe = Admin.create(login)) {
                        return probe.describeCluster().clusterId().get() != null;
                    }
                });
    }

    /** Creates the ACLs and waits until the broker's authorizer holds all of them. */
    public void createAcls(List<AclBinding> bindings) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createAcls(bindings).all().get();
            await("broker holds " + bindings.size() + " ACLs").atMost(Duration.ofSeconds(30))
                    .until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(bindings));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create ACLs: " + e.getCause(), e);
        }
    }

    private static String plainLogin(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                + "\" password=\"" + password + "\";";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
