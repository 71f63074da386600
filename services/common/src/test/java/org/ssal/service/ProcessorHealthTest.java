package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ProcessorHealthTest {
    @Test
    void shouldBeUpWhenTheServiceIsSwitchedOff() {
        HealthCheckResponse health = ProcessorHealth.of("oracle", false, null);
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertEquals("oracle", health.getName());
        assertEquals(false, health.getData().orElseThrow().get("enabled"));
    }

    @Test
    void shouldBeDownWhenAnEnabledServiceHasNoRunningProcessor() {
        HealthCheckResponse health = ProcessorHealth.of("scorer", true, null);
        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        assertEquals("not started", health.getData().orElseThrow().get("reason"));
    }
}
