package org.ssal.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.ssal.service.SharedConfig;

/** Hands the budget tracker to quarkus-kafka-streams, which runs it with the kafka-streams.* config. */
@ApplicationScoped
public class TopologyProducer {
    @Produces
    public Topology budgetTracker(SharedConfig.TopicNames topics, MeterRegistry registry) {
        return BudgetTopology.build(TrackerTopics.of(topics), registry);
    }
}
