package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.MalformedEventException;

class ErrorKindTest {
    @Test
    void shouldCallTheRecordsOwnFaultsPermanent() {
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new RejectedEventException("unknown campaign c-1")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new CampaignFailedException("c-1", "budget", 9, -1, "too large")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new MalformedEventException("not an Avro single-object encoded event")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new IllegalArgumentException("batchSize must be > 0, got 0")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new CorruptArtifactException("artifact:sha256/ab", "corrupt")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new UntrustedRecordException("no ssal-producer header")));
    }

    @Test
    void shouldCallUnclassifiedExceptionsPermanentSoABugIsDeadLetteredNotRetriedForever() {
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new NullPointerException()));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new IllegalStateException("no embeddings")));
        // a Kafka error that is not retriable says nothing about the world getting better
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new KafkaException("record too large")));
    }

    @Test
    void shouldCallIoAndTimeoutsTransient() {
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new UncheckedIOException("artifact not found",
                new NoSuchFileException("/shared/artifacts/sha256/ab/ab"))));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new IOException("No space left on device")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new TimeoutException("labels not visible within 60 s")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new NotLeaderOrFollowerException("leader moved")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new java.util.concurrent.TimeoutException("future")));
    }

    @Test
    void shouldFindATransientCauseInsideExceptionsThatSayNothing() {
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new IllegalStateException("cannot load embeddings",
                new UncheckedIOException(new FileNotFoundException("pool.bin")))));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new RuntimeException(new ExecutionException(
                new IOException("disk full")))));
    }

    @Test
    void shouldLetTheOutermostVerdictWinOverItsCause() {
        // the service judged the campaign unable to go on: its verdict, not the I/O below it, decides
        CampaignFailedException failed = new CampaignFailedException("c-1", "dataset", "cifar10", -1, "dataset missing");
        failed.initCause(new NoSuchFileException("/usr/share/datasets/cifar10"));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(failed));
        RejectedEventException wrapped = new RejectedEventException("pool file unreadable");
        wrapped.initCause(new IOException("EIO"));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(wrapped));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new UncheckedIOException("x",
                new IOException(new IllegalArgumentException("inner")))));
    }

    @Test
    void shouldCallErrorsFatalWhereverTheyAreInTheChain() {
        assertEquals(ErrorKind.FATAL, ErrorKind.of(new OutOfMemoryError("Java heap space")));
        assertEquals(ErrorKind.FATAL, ErrorKind.of(new StackOverflowError()));
        assertEquals(ErrorKind.FATAL, ErrorKind.of(new IllegalStateException("training failed",
                new ExecutionException(new OutOfMemoryError("Direct buffer memory")))));
        // even under an exception that would otherwise be a permanent verdict
        RejectedEventException rejected = new RejectedEventException("bad batch");
        rejected.initCause(new OutOfMemoryError("Metaspace"));
        assertEquals(ErrorKind.FATAL, ErrorKind.of(rejected));
    }

    @Test
    void shouldEndOnACauseCycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(a));
    }
}
