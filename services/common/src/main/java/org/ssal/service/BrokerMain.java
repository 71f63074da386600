package org.ssal.service;

import java.util.concurrent.CountDownLatch;

/**
 * A Kafka broker as a process of its own (KRaft, from the Kafka jars), for the local distributed
 * deployment in deploy/local: {@code java -cp <service classpath> org.ssal.service.BrokerMain 19092}.
 * Runs until killed.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 19092;
        EmbeddedBroker broker = EmbeddedBroker.start(port);
        TopicAdmin.ensureTopics(broker.bootstrapServers(), args.length > 1 ? Integer.parseInt(args[1]) : 2);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("ssal broker ready at " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }
}
