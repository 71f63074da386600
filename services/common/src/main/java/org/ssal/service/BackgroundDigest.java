package org.ssal.service;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.ssal.schemas.Sha256;

/**
 * SHA-256 computed on a thread of its own, so that hashing an artifact overlaps with writing or
 * reading it instead of adding to it: sha256 runs at about 1.5 GB/s per core, slower than the page
 * cache, so done inline it is most of the time of a large put or open. The caller hands over
 * copies of its blocks (a memory copy costs a tenth of hashing them); at most {@value #BLOCKS}
 * blocks wait, so a slow hasher holds the caller back instead of buffering the file in memory.
 * Blocks are hashed in the order given: the result is the plain sha256 of the bytes.
 */
final class BackgroundDigest {
    static final int BLOCK = 1 << 20;
    private static final int BLOCKS = 4;
    private static final Block END = new Block(new byte[0], 0);
    private final MessageDigest digest = Sha256.digest();
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final Thread hasher;
    private volatile Throwable failure;

    private record Block(byte[] bytes, int length) {
    }

    BackgroundDigest() {
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new byte[BLOCK]);
        }
        hasher = new Thread(this::hashUntilEnd, "artifact-sha256");
        hasher.setDaemon(true);
        hasher.start();
    }

    /** Queues a copy of {@code bytes[off, off + len)} for hashing. */
    void update(byte[] bytes, int off, int len) throws InterruptedIOException {
        try {
            while (len > 0) {
                byte[] block = free.take();
                int n = Math.min(len, BLOCK);
                System.arraycopy(bytes, off, block, 0, n);
                full.put(new Block(block, n));
                off += n;
                len -= n;
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    void update(int b) throws InterruptedIOException {
        update(new byte[] {(byte) b}, 0, 1);
    }

    /** Waits for the queued blocks and returns the hex sha256 of everything given. Call once. */
    String finish() throws InterruptedIOException {
        try {
            full.put(END);
            hasher.join();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (failure != null) {
            throw new IllegalStateException("sha256 thread failed", failure);
        }
        return Sha256.hex(digest);
    }

    /** Stops the thread when the I/O failed and the hash is not wanted. */
    void abandon() {
        hasher.interrupt();
    }

    private void hashUntilEnd() {
        try {
            for (Block block = full.take(); block != END; block = full.take()) {
                if (failure == null) {
                    try {
                        digest.update(block.bytes(), 0, block.length());
                    } catch (RuntimeException e) {
                        failure = e; // keep taking blocks, so the writer never waits forever; finish() throws
                    }
                }
                free.put(block.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned: nobody waits for the result
        }
    }

    /** Writes through to {@code out} and queues the same bytes for hashing. */
    static final class Out extends java.io.FilterOutputStream {
        final BackgroundDigest digest = new BackgroundDigest();

        Out(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws java.io.IOException {
            out.write(b);
            digest.update(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
        }
    }

    /** Reads from {@code in} and queues what was read for hashing. */
    static final class In extends java.io.FilterInputStream {
        final BackgroundDigest digest = new BackgroundDigest();

        In(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws java.io.IOException {
            byte[] buffer = new byte[(int) Math.min(n, BLOCK)];
            int got = read(buffer, 0, buffer.length); // skipped bytes are hashed too
            return Math.max(got, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while hashing an artifact");
        io.initCause(e);
        return io;
    }
}
