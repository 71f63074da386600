package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.TokenStore;

class HumanDemoTest {
    private static final List<String> PROPERTIES =
            List.of("quarkus.http.port", "ssal.auth.enabled", "ssal.auth.tokens-file");

    @AfterEach
    void forgetProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void shouldPrintThePagesAddressAndATokenForTheCampaignOnly() throws Exception {
        Path file = HumanDemo.prepare(8123);
        assertEquals("8123", System.getProperty("quarkus.http.port"));
        assertEquals("true", System.getProperty("ssal.auth.enabled"));
        assertEquals(file.toString(), System.getProperty("ssal.auth.tokens-file"));
        assertFalse(Files.exists(file), "a fresh token file for every demo");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String token = HumanDemo.announce(new PrintStream(printed, true, StandardCharsets.UTF_8), "demo-1", 8123, 20, 60);

        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("http://localhost:8123/label/"), out);
        assertTrue(out.contains(token), out);
        Principal you = TokenStore.open(file).authenticate(token).orElseThrow();
        assertEquals(HumanDemo.ANNOTATOR, you.name());
        assertTrue(you.mayLabel("demo-1"));
        assertFalse(you.mayLabel("demo-2"), "scoped to the demo's campaign");
        assertFalse(you.isAdmin());
        assertFalse(Files.readString(file).contains(token.substring(14)), "only a hash is stored");
    }
}
