package org.ssal.service.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

    @Test
    void shouldUseTheInJvmBrokerWhenThereIsNoDocker() {
        assertEquals(new BrokerChoice(BrokerChoice.Kind.IN_JVM, null), BrokerChoice.of(Map.of(), false));
    }

    @Test
    void shouldUseTestcontainersWhenTheDockerSocketExistsOrDockerHostIsSet() {
        assertEquals(BrokerChoice.Kind.TESTCONTAINERS, BrokerChoice.of(Map.of(), true).kind());
        assertEquals(BrokerChoice.Kind.TESTCONTAINERS,
                BrokerChoice.of(Map.of("DOCKER_HOST", "tcp://docker:2375"), false).kind());
    }

    @Test
    void shouldDoWhatSsalTestBrokerAsksWhateverDockerLooksLike() {
        assertEquals(BrokerChoice.Kind.TESTCONTAINERS,
                BrokerChoice.of(Map.of("SSAL_TEST_BROKER", "testcontainers"), false).kind());
        assertEquals(BrokerChoice.Kind.IN_JVM, BrokerChoice.of(Map.of("SSAL_TEST_BROKER", "in-jvm"), true).kind());
    }

    @Test
    void shouldUseTheExternalBrokerWhenSsalTestKafkaNamesOneEvenWithDocker() {
        assertEquals(new BrokerChoice(BrokerChoice.Kind.EXTERNAL, "kafka:9092"),
                BrokerChoice.of(Map.of("SSAL_TEST_KAFKA", " kafka:9092 ", "SSAL_TEST_BROKER", "testcontainers"), true));
    }

    @Test
    void shouldIgnoreBlankVariables() {
        assertEquals(BrokerChoice.Kind.IN_JVM,
                BrokerChoice.of(Map.of("SSAL_TEST_KAFKA", " ", "SSAL_TEST_BROKER", "", "DOCKER_HOST", ""), false).kind());
    }

    @Test
    void shouldNameTheVariableAndValueWhenTheAskedBrokerIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerChoice.of(Map.of("SSAL_TEST_BROKER", "docker"), false));

        assertTrue(e.getMessage().contains("SSAL_TEST_BROKER") && e.getMessage().contains("'docker'"), e.getMessage());
    }
}
