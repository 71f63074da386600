package org.ssal.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.ssal.service.SharedConfig;

/** The security keys every client takes, their checks, and that secrets stay out of messages. */
class KafkaSecurityTest {

    @Test
    void shouldBePlaintextWithNothingElseWhenNothingIsSet() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), security(Map.of()).clientProperties());
    }

    @Test
    void shouldPassKafkasOwnKeysThroughWhenSaslIsConfigured() {
        String jaas = KafkaSecurity.scramLogin("ssal-scorer", "s3cret");

        KafkaSecurity security = security(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.jaas.config", jaas,
                "kafka.ssl.truststore.location", "/etc/kafka-ca/ca.p12", "kafka.ssl.truststore.password", "capw",
                "kafka.ssl.truststore.type", "PKCS12"));

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas, "ssl.truststore.location", "/etc/kafka-ca/ca.p12",
                "ssl.truststore.password", "capw", "ssl.truststore.type", "PKCS12"), security.clientProperties());
    }

    @Test
    void shouldNameKeyAndValueWhenTheProtocolIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> security(Map.of("kafka.security.protocol", "SASL")));

        assertTrue(e.getMessage().contains("kafka.security.protocol") && e.getMessage().contains("'SASL'"), e.getMessage());
    }

    @Test
    void shouldRefuseSaslWithoutMechanismOrLogin() {
        IllegalArgumentException noMechanism = assertThrows(IllegalArgumentException.class,
                () -> security(Map.of("kafka.security.protocol", "SASL_PLAINTEXT")));
        IllegalArgumentException noLogin = assertThrows(IllegalArgumentException.class,
                () -> security(Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "SCRAM-SHA-512")));

        assertTrue(noMechanism.getMessage().contains("kafka.sasl.mechanism"), noMechanism.getMessage());
        assertTrue(noLogin.getMessage().contains("kafka.sasl.jaas.config"), noLogin.getMessage());
    }

    @Test
    void shouldRefuseSaslKeysOnAProtocolWithoutSasl() {
        // a forgotten protocol would otherwise connect unauthenticated and fail later with an ACL error
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> security(Map.of("kafka.sasl.mechanism", "SCRAM-SHA-512",
                        "kafka.sasl.jaas.config", KafkaSecurity.scramLogin("u", "p"))));

        assertTrue(e.getMessage().contains("'PLAINTEXT'"), e.getMessage());
    }

    @Test
    void shouldNeverPrintThePasswordWhenShown() {
        KafkaSecurity security = KafkaSecurity.scram("ssal-trainer", "hunter2-secret");

        assertFalse(security.toString().contains("hunter2-secret"), security.toString());
        assertTrue(security.toString().contains("SCRAM-SHA-512"), security.toString());
    }

    @Test
    void shouldRefuseCredentialsThatWouldBreakTheJaasLine() {
        assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.scramLogin("u", "pa\"ss"));
        assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.scramLogin("", "p"));
    }

    @Test
    void shouldOverrideWhatABuilderSetWhenMerged() {
        Properties props = new Properties();
        props.put("bootstrap.servers", "kafka:9092");

        Properties merged = KafkaSecurity.secure(props);

        assertEquals("kafka:9092", merged.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", merged.get("security.protocol")); // the test JVM sets no kafka.security.*
    }

    private static KafkaSecurity security(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(SharedConfig.SecurityProtocol.class).withMapping(SharedConfig.Sasl.class)
                .withMapping(SharedConfig.Ssl.class).build(); // validates unknown keys, as Quarkus does
        return KafkaSecurity.of(config.getConfigMapping(SharedConfig.SecurityProtocol.class),
                config.getConfigMapping(SharedConfig.Sasl.class), config.getConfigMapping(SharedConfig.Ssl.class));
    }
}
