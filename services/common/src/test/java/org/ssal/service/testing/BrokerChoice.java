package org.ssal.service.testing;

import java.util.List;
import java.util.Map;

/**
 * Which broker the tests use, decided from the environment alone (so it is tested without one):
 * an external broker when {@code SSAL_TEST_KAFKA=host:port} names one; else what
 * {@code SSAL_TEST_BROKER} asks for ({@code testcontainers} or {@code in-jvm}); else
 * Testcontainers' Kafka when a Docker engine looks reachable (DOCKER_HOST set, or the Docker
 * socket exists), the in-JVM KRaft broker otherwise.
 *
 * @param kind    the broker
 * @param address host:port of an external broker, null otherwise
 */
public record BrokerChoice(Kind kind, String address) {
    public static final String EXTERNAL_BROKER_ENV = "SSAL_TEST_KAFKA";
    public static final String BROKER_ENV = "SSAL_TEST_BROKER";
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";

    public enum Kind { EXTERNAL, TESTCONTAINERS, IN_JVM }

    /**
     * @param env                 the environment variables
     * @param dockerSocketPresent whether {@link #DOCKER_SOCKET} exists
     * @throws IllegalArgumentException naming the variable and value when SSAL_TEST_BROKER is unknown
     */
    public static BrokerChoice of(Map<String, String> env, boolean dockerSocketPresent) {
        String external = env.get(EXTERNAL_BROKER_ENV);
        if (external != null && !external.isBlank()) {
            return new BrokerChoice(Kind.EXTERNAL, external.strip());
        }
        String asked = env.getOrDefault(BROKER_ENV, "").strip();
        switch (asked) {
            case "testcontainers":
                return new BrokerChoice(Kind.TESTCONTAINERS, null);
            case "in-jvm":
                return new BrokerChoice(Kind.IN_JVM, null);
            case "":
                break;
            default:
                throw new IllegalArgumentException(BROKER_ENV + " must be one of " + List.of("testcontainers", "in-jvm")
                        + " or unset, got '" + asked + "'");
        }
        String dockerHost = env.get("DOCKER_HOST");
        boolean docker = dockerSocketPresent || (dockerHost != null && !dockerHost.isBlank());
        return new BrokerChoice(docker ? Kind.TESTCONTAINERS : Kind.IN_JVM, null);
    }
}
