package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsalHomeTest {
    @TempDir
    Path dir;

    @Test
    void shouldPreferTheOptionThenTheEnvironmentThenTheUsersHome() {
        assertEquals(dir.resolve("a"), SsalHome.resolve(dir.resolve("a"), Map.of(SsalHome.ENV, "/elsewhere")).root());
        assertEquals(Path.of("/elsewhere"), SsalHome.resolve(null, Map.of(SsalHome.ENV, "/elsewhere")).root());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssal"), SsalHome.resolve(null, Map.of()).root());
    }

    @Test
    void shouldCreateItsFoldersWhenLocked() {
        try (SsalHome home = SsalHome.at(dir).lock()) {
            assertTrue(Files.isDirectory(home.kafka()));
            assertTrue(Files.isDirectory(home.streams()));
            assertTrue(Files.isDirectory(home.artifacts()));
        }
    }

    @Test
    void shouldRefuseASecondUserOfTheSameHomeUntilTheFirstLetsGo() {
        try (SsalHome first = SsalHome.at(dir).lock()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SsalHome.at(dir).lock());
            assertTrue(e.getMessage().contains("in use by another ssal process (pid "), e.getMessage());
        }
        SsalHome.at(dir).lock().close(); // free again
    }
}
