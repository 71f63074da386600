package org.ssal.service.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import java.util.Properties;
import org.ssal.service.SharedConfig;
import org.ssal.service.SharedSettings;

/**
 * How every Kafka client of ssal authenticates: the security settings of a deployment, merged
 * into each consumer, producer, admin and Kafka Streams config, so no client can be left on
 * PLAINTEXT by accident. Read from Kafka's own keys under {@code kafka.} ({@code
 * kafka.security.protocol}, {@code kafka.sasl.mechanism}, {@code kafka.sasl.jaas.config}, {@code
 * kafka.ssl.truststore.*}; environment KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ...), the
 * same way {@code kafka.bootstrap.servers} is.
 *
 * @param protocol           PLAINTEXT (the default: the in-JVM broker), SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism      e.g. SCRAM-SHA-512; only with a SASL protocol
 * @param jaasConfig         the client login, e.g. {@link #scramLogin}; a secret, never printed
 * @param truststoreLocation for SSL/SASL_SSL against a broker whose CA the JVM does not trust
 * @param truststorePassword a secret, never printed
 * @param truststoreType     e.g. PKCS12 (Strimzi's cluster CA secret holds ca.p12)
 */
public record KafkaSecurity(String protocol, Optional<String> saslMechanism, Optional<String> jaasConfig,
                            Optional<String> truststoreLocation, Optional<String> truststorePassword,
                            Optional<String> truststoreType) {
    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** Mechanisms whose login is a user name and password in the JAAS config (no Kerberos ticket, no token endpoint). */
    private static final List<String> PASSWORD_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** @throws IllegalArgumentException naming the key and the value that do not fit together */
    public KafkaSecurity {
        saslMechanism = saslMechanism.filter(s -> !s.isBlank());
        jaasConfig = jaasConfig.filter(s -> !s.isBlank());
        truststoreLocation = truststoreLocation.filter(s -> !s.isBlank());
        truststorePassword = truststorePassword.filter(s -> !s.isBlank());
        truststoreType = truststoreType.filter(s -> !s.isBlank());
        if (protocol == null || !PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("kafka.security.protocol must be one of " + PROTOCOLS + ", got '"
                    + protocol + "'");
        }
        boolean sasl = protocol.startsWith("SASL_");
        if (!sasl && (saslMechanism.isPresent() || jaasConfig.isPresent())) {
            throw new IllegalArgumentException("kafka.sasl.* is set but kafka.security.protocol is '" + protocol
                    + "', which does not use SASL: set it to SASL_PLAINTEXT or SASL_SSL, or drop kafka.sasl.*");
        }
        if (sasl && saslMechanism.isEmpty()) {
            throw new IllegalArgumentException("kafka.sasl.mechanism must be set when kafka.security.protocol is '"
                    + protocol + "' (ssal's deployments use SCRAM-SHA-512)");
        }
        if (sasl && PASSWORD_MECHANISMS.contains(saslMechanism.get()) && jaasConfig.isEmpty()) {
            throw new IllegalArgumentException("kafka.sasl.jaas.config must be set for kafka.sasl.mechanism '"
                    + saslMechanism.get() + "': it carries the user name and password");
        }
        if (!protocol.endsWith("SSL") && truststoreLocation.isPresent()) {
            throw new IllegalArgumentException("kafka.ssl.truststore.location is set but kafka.security.protocol is '"
                    + protocol + "', which does not use TLS");
        }
    }

    /** No security: the in-JVM broker and tests. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity("PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** SASL/SCRAM-SHA-512 without TLS (a private network, or tests). */
    public static KafkaSecurity scram(String user, String password) {
        return new KafkaSecurity("SASL_PLAINTEXT", Optional.of("SCRAM-SHA-512"), Optional.of(scramLogin(user, password)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The client JAAS line of a SCRAM user. */
    public static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(user, "user")
                + "\" password=\"" + quoted(password, "password") + "\";";
    }

    private static String quoted(String value, String what) {
        if (value == null || value.isEmpty() || value.contains("\"") || value.contains("\\")) {
            throw new IllegalArgumentException("SCRAM " + what + " must be non-empty, without \" or \\");
        }
        return value;
    }

    /** From the current config (system properties, environment, application.properties). */
    public static KafkaSecurity fromConfig() {
        return of(SharedSettings.mapping(SharedConfig.SecurityProtocol.class), SharedSettings.mapping(SharedConfig.Sasl.class),
                SharedSettings.mapping(SharedConfig.Ssl.class));
    }

    /** From the mappings, as Quarkus injects them. */
    public static KafkaSecurity of(SharedConfig.SecurityProtocol protocol, SharedConfig.Sasl sasl, SharedConfig.Ssl ssl) {
        return new KafkaSecurity(protocol.protocol(), sasl.mechanism(), sasl.jaasConfig(), ssl.truststoreLocation(),
                ssl.truststorePassword(), ssl.truststoreType());
    }

    /** The Kafka client settings; nothing beyond the protocol for PLAINTEXT. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        saslMechanism.ifPresent(v -> props.put(SaslConfigs.SASL_MECHANISM, v));
        jaasConfig.ifPresent(v -> props.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        truststoreLocation.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, v));
        truststorePassword.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, v));
        truststoreType.ifPresent(v -> props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, v));
        return props;
    }

    /** The settings of the current config merged into {@code props}: the one call every client builder makes. */
    public static Properties secure(Properties props) {
        props.putAll(fromConfig().clientProperties());
        return props;
    }

    /** As {@link #secure(Properties)}, for the map-style configs of {@code Admin.create}. */
    public static Map<String, Object> secure(Map<String, ?> props) {
        Map<String, Object> merged = new LinkedHashMap<>(props);
        merged.putAll(fromConfig().clientProperties());
        return merged;
    }

    /** Secrets stay out of logs and error messages. */
    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + protocol + ", saslMechanism=" + saslMechanism.orElse("-")
                + ", jaasConfig=" + (jaasConfig.isPresent() ? "(set)" : "-")
                + ", truststore=" + truststoreLocation.orElse("-") + "]";
    }
}
