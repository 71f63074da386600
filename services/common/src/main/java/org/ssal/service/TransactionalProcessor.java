package org.ssal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.service.security.KafkaSecurity;

/**
 * Exactly-once consume-transform-produce loop shared by the trainer, scorer and oracle.
 *
 * <p>Each poll's records are handled first (the slow part: pretraining, training a head), then the
 * outputs and the input offsets are committed in one Kafka transaction. A process killed at any
 * point either committed both or neither, so after a restart the records are handled again and
 * nothing is emitted twice to read_committed consumers: this is what keeps a restarted scorer from
 * emitting a second query batch for a round. A handler failure that is the record's fault becomes
 * a {@code Rejected} event on dead-letter in the same transaction; nothing is dropped silently.
 *
 * <p>Under failure it holds as follows:
 * <ul>
 * <li>A record's outputs are all committed or none: a handler that throws half-way loses what it
 *     had put in the outbox, and only its {@code Rejected} (and {@code CampaignFailed}) is
 *     committed ({@link HandledBatch}). The poll's other records still share the transaction.</li>
 * <li>Handlers keep views (the last round asked, embedded, ...) that they change while handling,
 *     before the commit. The one way those views are kept true is the rebuild: on partition
 *     assignment and after every aborted transaction, before the batch is polled again, the
 *     processor runs {@code rebuildView}, which makes the view forget and replays the committed
 *     log into it ({@link EventService.View}). So a retried batch is handled against what was
 *     committed, not against the aborted attempt, and emits its outputs again, once.</li>
 * <li>Failures are classified by {@link ErrorKind}. A permanent one dead-letters its record (above).
 *     A transient one (an artifact not yet visible, a timeout) aborts the batch before any
 *     transaction: the consumer seeks back to the batch's first offsets, the view is rebuilt, and
 *     the batch is handled again after the backoff; its record is never dead-lettered. An aborted
 *     transaction and any other Kafka failure are retried the same way. Each retry is logged with
 *     its count; after {@link Retries#maxConsecutiveFailures()} failures in a row (by default 40,
 *     about five minutes) the processor stops with the last one as its reason: liveness turns
 *     DOWN naming it, and the records, still uncommitted, are handled by the restarted process.</li>
 * <li>A transaction that outlived {@link #TRANSACTION_TIMEOUT} (the broker away during the commit) was
 *     aborted by the coordinator, which fences the producer; that abort is retried like the others,
 *     with a new producer of the same transactional id. A fence within the timeout means another
 *     live instance took the id: the processor stops ({@link ProducerFencing}).</li>
 * <li>A fatal failure ({@link OutOfMemoryError} or any other {@link Error}, also as a cause) stops
 *     the processor at once, logged at ERROR; nothing is dead-lettered or committed, since a JVM in
 *     that state cannot be trusted to write what it computed.</li>
 * </ul>
 */
public final class TransactionalProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalProcessor.class);
    /**
     * Outputs are computed before the transaction begins, so it stays short; a killed instance's
     * open transaction then blocks read_committed readers for at most this long. A transaction
     * that outlives it (the broker away during the commit) is aborted by the coordinator, which
     * fences the producer: {@link TransactionalProducer} tells that from a take-over.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessorSettings settings;
    private final EventHandler handler;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Retries retries;
    private final ProcessorMetrics metrics;
    /** Set once the group gave this instance its partitions and the view was rebuilt for them: readiness. */
    private volatile boolean assigned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable failure;
    private Thread thread;

    private final Runnable rebuildView;
    private final Function<Properties, Producer<String, byte[]>> producers;
    /** Set when a transaction aborted: the handler's view may hold what was not committed. */
    private boolean viewStale;

    public TransactionalProcessor(ProcessorSettings settings, EventHandler handler) {
        this(settings, handler, () -> { });
    }

    /**
     * @param rebuildView runs whenever this instance is given partitions and after every aborted
     *                    transaction, before records are handled again: the service makes its view
     *                    of the campaigns forget and rebuilds it from the committed log
     */
    public TransactionalProcessor(ProcessorSettings settings, EventHandler handler, Runnable rebuildView) {
        this(settings, handler, rebuildView, new SimpleMeterRegistry());
    }

    /** @param registry where its meters go ({@link ProcessorMetrics}): the service's registry */
    public TransactionalProcessor(ProcessorSettings settings, EventHandler handler, Runnable rebuildView,
                                  MeterRegistry registry) {
        this(settings, handler, rebuildView, KafkaProducer::new, Retries.DEFAULT, registry);
    }

    /**
     * @param producers makes the transactional producer: the seam where tests inject a failing commit
     * @param retries   how long to keep trying on transient and Kafka failures (tests shorten it)
     */
    TransactionalProcessor(ProcessorSettings settings, EventHandler handler, Runnable rebuildView,
                           Function<Properties, Producer<String, byte[]>> producers, Retries retries,
                           MeterRegistry registry) {
        this.settings = settings;
        this.handler = handler;
        this.rebuildView = rebuildView;
        this.producers = producers;
        this.retries = retries;
        this.metrics = new ProcessorMetrics(registry, settings.service());
        metrics.running(this::isRunning);
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::run, settings.service() + "-processor");
        thread.setDaemon(true);
        thread.start();
    }

    public long handledCount() {
        return handled.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    /** Non-null when the loop stopped on an unrecoverable error (e.g. fenced by a newer instance). */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return running.get() && stopped.getCount() > 0;
    }

    /** Running, and its group has assigned it partitions (possibly none) with its view rebuilt: readiness. */
    public boolean isReady() {
        return isRunning() && assigned;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps());
             TransactionalProducer producer = new TransactionalProducer(() -> producers.apply(producerProps()),
                     transactionalId(), TRANSACTION_TIMEOUT);
             AutoCloseable consumerMetrics = metrics.bindConsumer(c)) {
            consumer = c;
            // before the first poll: fences a killed predecessor's open transaction, which would
            // otherwise hold back the committed log that the view is rebuilt from
            producer.ensureOpen();
            c.subscribe(settings.topics(), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        rebuildView.run();
                        viewStale = false;
                    }
                    assigned = true;
                }
            });
            LOG.info("{} consuming {} as {}", settings.service(), settings.topics(), settings.instanceId());
            int consecutiveFailures = 0;
            while (running.get()) {
                try {
                    producer.ensureOpen(); // a producer dropped after a failed transaction is made again
                    if (viewStale) {
                        // before the aborted batch comes back: a failed rebuild stays stale and is retried
                        rebuildView.run();
                        viewStale = false;
                    }
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        processBatch(c, producer, records);
                        // only a committed batch ends a run of failures: after a seek back a poll is often empty
                        consecutiveFailures = 0;
                    }
                } catch (WakeupException | OutOfOrderSequenceException | AuthorizationException e) {
                    throw e;
                } catch (UnhandledRecordException e) {
                    if (e.kind() == ErrorKind.FATAL) {
                        throw e;
                    }
                    // the record is fine and the world is not (yet): never a dead letter, try again later
                    consecutiveFailures = retryOrGiveUp(consecutiveFailures, "transient", e);
                } catch (KafkaException e) {
                    // a broker that is restarting, electing a leader or loading a coordinator: the
                    // committed offsets are intact, so polling again later loses nothing
                    consecutiveFailures = retryOrGiveUp(consecutiveFailures, "kafka", e);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
            LOG.error("{} processor stopped: {}", settings.service(), e.toString(), e);
        } finally {
            assigned = false;
            running.set(false);
            stopped.countDown();
        }
    }

    /** @return the new count of failures in a row; throws (stopping the processor) once there are too many */
    private int retryOrGiveUp(int failuresBefore, String kind, RuntimeException e) {
        int failures = failuresBefore + 1;
        if (failures > retries.maxConsecutiveFailures()) {
            throw new IllegalStateException("gave up after " + retries.maxConsecutiveFailures()
                    + " failures in a row, the last: " + e.getMessage(), e);
        }
        metrics.retried(kind);
        LOG.warn("{}: {} failure ({} in a row), retrying in {} ms: {}", settings.service(), kind, failures,
                retries.backoff().delay(failures).toMillis(), e.getMessage());
        backOff(failures);
        return failures;
    }

    private void backOff(int failures) {
        try {
            Thread.sleep(retries.backoff().delay(failures).toMillis()); // not a test: waits for the world to recover
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private void processBatch(KafkaConsumer<String, byte[]> c, TransactionalProducer producer,
                              ConsumerRecords<String, byte[]> records) {
        HandledBatch batch;
        try {
            batch = HandledBatch.handle(settings.service(), records, handler);
        } catch (UnhandledRecordException e) {
            // no transaction began; the handler may have changed its view for records now not committed
            viewStale = true;
            for (TopicPartition partition : records.partitions()) {
                c.seek(partition, records.records(partition).get(0).offset());
            }
            throw e;
        }
        try {
            producer.commit(batch, c.groupMetadata());
            handled.addAndGet(records.count());
            rejected.addAndGet(batch.rejected());
            metrics.handled(records.count());
            batch.rejections().forEach(metrics::deadLettered);
            for (long i = batch.campaignsFailed(); i > 0; i--) {
                metrics.campaignFailed();
            }
        } catch (OutOfOrderSequenceException | AuthorizationException e) {
            throw e; // the log lost our writes, or we may not write: stop
        } catch (KafkaException e) {
            LOG.warn("{}: transaction aborted, the batch will be handled again: {}", settings.service(), e.toString());
            // seek and mark first: if the abort itself fails, the batch must still come back, on a rebuilt view
            viewStale = true;
            batch.firstOffsets().forEach(c::seek);
            producer.abortAfter(e); // a fence by another live instance throws here and stops the processor
            throw e; // counted and backed off by the loop
        }
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.service());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.instanceId() + "-consumer");
        if (settings.stableInstance()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.service() + "-" + settings.instanceId());
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) settings.maxProcessingTime().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return KafkaSecurity.secure(props);
    }

    private String transactionalId() {
        return settings.service() + "-" + settings.instanceId();
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.instanceId() + "-producer");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return KafkaSecurity.secure(props);
    }

    @Override
    public void close() {
        if (running.getAndSet(false)) {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<String> topics() {
        return settings.topics();
    }
}
