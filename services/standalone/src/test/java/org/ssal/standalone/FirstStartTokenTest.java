package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

class FirstStartTokenTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void forgetProperties() {
        List.of("ssal.auth.enabled", "ssal.auth.tokens-file").forEach(System::clearProperty);
    }

    @Test
    void shouldMakeAndPrintAnAdminTokenOnlyOnTheFirstStart() {
        Path file = home.resolve("tokens");
        Optional<String> first = FirstStartToken.prepare(file, false, 8080, out);
        assertTrue(first.isPresent());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains(first.get()), "printed once, for the person");
        assertTrue(TokenStore.open(file).authenticate(first.get()).orElseThrow().isAdmin());
        assertEquals("true", System.getProperty("ssal.auth.enabled"));
        assertEquals(file.toString(), System.getProperty("ssal.auth.tokens-file"));

        printed.reset();
        assertEquals(Optional.empty(), FirstStartToken.prepare(file, false, 8080, out), "second start: nothing new");
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("ssal_"), printed.toString(StandardCharsets.UTF_8));
        assertEquals(1, TokenStore.open(file).list().size());
    }

    @Test
    void shouldMakeAnAdminTokenWhenTheFileHoldsOnlyAnnotators() {
        Path file = home.resolve("tokens");
        TokenStore.open(file).create(Role.ANNOTATOR, "alice", Set.of("c1"));
        assertTrue(FirstStartToken.ensureAdmin(file).isPresent(), "else nobody could use the campaign API");
    }

    @Test
    void shouldSwitchTokensOffAndWarnWhenAskedForNoAuth() {
        Path file = home.resolve("tokens");
        assertEquals(Optional.empty(), FirstStartToken.prepare(file, true, 8080, out));
        assertEquals("false", System.getProperty("ssal.auth.enabled"));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("WARNING --no-auth"));
        assertTrue(TokenStore.open(file).list().isEmpty(), "no token made");
    }
}
