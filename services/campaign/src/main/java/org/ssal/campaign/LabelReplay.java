package org.ssal.campaign;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where the budget tracker's label store is rebuilt from when Kafka Streams (re)initialises a
 * task: the committed records of the labels topic's partition that the task's campaigns write to
 * ({@link LabelStore}). The store has no changelog of its own, because that changelog was a byte
 * for byte copy of the labels topic and cost a second write of every label.
 */
@FunctionalInterface
interface LabelReplay {
    /**
     * For TopologyTestDriver, which never restarts a task and has no broker to read from: nothing
     * to replay, the store starts empty as the driver's topics do.
     */
    LabelReplay NOTHING = (appConfigs, topic, partition, into) -> { };

    /**
     * Calls {@code into} with the key and value of every record the budget tracker committed to
     * partition {@code partition} of {@code topic}, oldest first, up to the partition's last
     * stable offset of now; returns when it has read them all.
     *
     * @param appConfigs the Streams application's configuration (bootstrap servers, security)
     */
    void replay(Map<String, Object> appConfigs, String topic, int partition, BiConsumer<String, byte[]> into);
}
