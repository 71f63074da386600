package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    private static final String HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void shouldGiveTheStandardDigestWhenHashingText() {
        assertEquals(HELLO, Sha256.sha256Hex("hello"));
        assertEquals(HELLO, Sha256.sha256Hex("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.sha256Hex(new byte[0]));
    }

    @Test
    void shouldHashTheContentWhenHashingAFile(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[3 * 8192 + 17]; // more than one read buffer
        new Random(1).nextBytes(bytes);
        Path file = Files.write(dir.resolve("blob"), bytes);

        assertEquals(Sha256.sha256Hex(bytes), Sha256.sha256(file));
    }
}
