package org.ssal.service;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;

/**
 * A service's liveness: DOWN once its event processor has stopped (a fatal error, a fenced
 * producer, retries given up), so an orchestrator restarts the process instead of leaving a
 * service that consumes nothing and says UP. A service switched off by configuration is UP: it
 * was asked to do nothing.
 */
public final class ProcessorHealth {
    private ProcessorHealth() {
    }

    /** @param service null when the service has not been started (disabled, or before start-up) */
    public static HealthCheckResponse of(String name, boolean enabled, EventService service) {
        if (!enabled) {
            return response(name, Status.UP, "enabled", false);
        }
        if (service != null && service.isRunning()) {
            return response(name, Status.UP, "handled", service.handledCount());
        }
        Throwable failure = service == null ? null : service.failure();
        return response(name, Status.DOWN, "reason", service == null ? "not started"
                : failure == null ? "stopped" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /**
     * A service's readiness: UP once its processor runs and its consumer group has assigned it
     * partitions and its view was rebuilt for them (before that it would answer nothing); DOWN
     * while it joins, and for good once it stopped. A service switched off is UP.
     */
    public static HealthCheckResponse readiness(String name, boolean enabled, EventService service) {
        if (!enabled) {
            return response(name, Status.UP, "enabled", false);
        }
        if (service != null && service.isReady()) {
            return response(name, Status.UP, "assigned", true);
        }
        if (service != null && service.isRunning()) {
            return response(name, Status.DOWN, "reason", "waiting for partitions and the view's rebuild");
        }
        return of(name, enabled, service);
    }

    // the constructor, not the builder: the builder needs the health extension's provider at run time
    private static HealthCheckResponse response(String name, Status status, String key, Object value) {
        return new HealthCheckResponse(name, status, Optional.of(Map.of(key, value)));
    }
}
