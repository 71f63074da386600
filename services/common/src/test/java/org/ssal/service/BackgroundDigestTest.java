package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Sha256;

class BackgroundDigestTest {
    @Test
    void shouldGiveThePlainSha256WhateverTheBlockSizes() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        byte[] bytes = new byte[5 * BackgroundDigest.BLOCK + 12345];
        rng.nextBytes(bytes);
        BackgroundDigest digest = new BackgroundDigest();
        int at = 0;
        int[] sizes = {0, 1, 7, BackgroundDigest.BLOCK - 1, BackgroundDigest.BLOCK + 1, 3 * BackgroundDigest.BLOCK, 0};
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(bytes.length - at, sizes[i % sizes.length]);
            if (n == 1) {
                digest.update(bytes[at]);
            } else {
                digest.update(bytes, at, n);
            }
            at += n;
        }
        assertEquals(Sha256.sha256Hex(bytes), digest.finish());
        assertEquals(Sha256.sha256Hex(new byte[0]), new BackgroundDigest().finish(), "nothing hashed");
    }

    @Test
    void shouldHashWhatFlowsThroughTheStreams() throws Exception {
        byte[] bytes = new byte[BackgroundDigest.BLOCK * 2 + 3];
        new SplittableRandom(5).nextBytes(bytes);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BackgroundDigest.Out out = new BackgroundDigest.Out(sink);
        out.write(bytes, 0, 10);
        out.write(bytes[10]);
        out.write(bytes, 11, bytes.length - 11);
        assertEquals(Sha256.sha256Hex(bytes), out.digest.finish());

        BackgroundDigest.In in = new BackgroundDigest.In(new java.io.ByteArrayInputStream(sink.toByteArray()));
        in.read();
        in.skip(100);
        in.readAllBytes();
        assertEquals(Sha256.sha256Hex(bytes), in.digest.finish(), "skipped bytes are hashed too");
    }
}
