package org.ssal.labeling.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.LabelingException.Kind;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

class BearerAuthTest {
    @TempDir
    Path dir;

    private BearerAuth auth(Path file) {
        return new BearerAuth(true, Optional.of(file.toString()));
    }

    private static LabelingException refused(BearerAuth auth, String header) {
        return assertThrows(LabelingException.class, () -> auth.principalOf(header));
    }

    @Test
    void shouldNameTheTokensHolderWhenTheBearerTokenIsValid() {
        Path file = dir.resolve("tokens");
        String token = TokenStore.open(file).create(Role.ANNOTATOR, "alice", Set.of("c1"));
        Principal alice = auth(file).principalOf("Bearer " + token);
        assertEquals("alice", alice.name());
        assertTrue(alice.mayLabel("c1"));
        assertFalse(alice.mayLabel("c2"));
        assertEquals("alice", auth(file).principalOf("bearer   " + token + " ").name(), "scheme is case-insensitive");
    }

    @Test
    void shouldRefuseWithUnauthorizedWhenTheHeaderIsMissingMalformedOrTheTokenUnknown() {
        Path file = dir.resolve("tokens");
        String token = TokenStore.open(file).create(Role.ADMIN, "lead", Set.of());
        BearerAuth auth = auth(file);
        for (String header : new String[] {null, "", "Basic " + token, token, "Bearer ssal_AAAAAAAA_nope",
                "Bearer " + token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")}) {
            LabelingException e = refused(auth, header);
            assertEquals(Kind.UNAUTHORIZED, e.kind(), "header " + header);
            assertEquals("Authorization", e.field());
            assertFalse(String.valueOf(e.value()).contains(token.substring(14)), "the secret is never echoed");
            assertFalse(e.getMessage().contains(token.substring(14)), "the secret is never echoed");
        }
    }

    @Test
    void shouldSeeTokensMadeAfterItStartedWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("tokens");
        BearerAuth auth = auth(file);
        assertEquals(Kind.UNAUTHORIZED, refused(auth, "Bearer ssal_AAAAAAAA_" + "x".repeat(43)).kind(),
                "no file: nobody is let in");
        String token = TokenStore.open(file).create(Role.ANNOTATOR, "bob", Set.of("c1"));
        assertTrue(Files.exists(file));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> {
                    try {
                        return auth.principalOf("Bearer " + token).name().equals("bob");
                    } catch (LabelingException e) {
                        return false;
                    }
                });
    }

    @Test
    void shouldActAsTheLocalAdminWhenAuthenticationIsOff() {
        BearerAuth off = new BearerAuth(false, Optional.empty());
        Principal local = off.principalOf(null);
        assertEquals("local", local.name());
        assertTrue(local.isAdmin());
        assertTrue(local.mayLabel("any"));
    }
}
