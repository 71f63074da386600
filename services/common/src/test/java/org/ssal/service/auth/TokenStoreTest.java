package org.ssal.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void shouldAuthenticateATokenAfterAReloadWithoutStoringItsSecret() throws Exception {
        Path file = dir.resolve("tokens");
        String token = TokenStore.open(file).create(Role.ANNOTATOR, "alice", Set.of("c1", "c2"));
        assertTrue(token.matches("ssal_[A-Za-z0-9]{8}_[A-Za-z0-9]{43}"), token);
        String secret = token.substring(token.lastIndexOf('_') + 1);
        assertFalse(Files.readString(file).contains(secret), "the secret must not be written");

        Principal alice = TokenStore.open(file).authenticate(token).orElseThrow();
        assertEquals("alice", alice.name());
        assertEquals(Role.ANNOTATOR, alice.role());
        assertTrue(alice.mayLabel("c1"));
        assertFalse(alice.mayLabel("c3"));
    }

    @Test
    void shouldRefuseAWrongUnknownOrMalformedToken() {
        TokenStore store = TokenStore.open(dir.resolve("tokens"));
        String token = store.create(Role.ADMIN, "ops", Set.of());
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(store.authenticate(tampered).isEmpty(), "one character changed");
        assertTrue(store.authenticate("ssal_ZZZZZZZZ_" + token.substring(14)).isEmpty(), "unknown id");
        assertTrue(store.authenticate("Bearer " + token).isEmpty(), "not a bare token");
        assertTrue(store.authenticate(null).isEmpty());
        assertTrue(store.authenticate(token).orElseThrow().isAdmin());
        assertTrue(store.authenticate(token).orElseThrow().mayLabel("any"));
    }

    @Test
    void shouldRevokeAndListWithoutSecrets() {
        TokenStore store = TokenStore.open(dir.resolve("tokens"));
        String token = store.create(Role.ANNOTATOR, "vendor-1", Set.of("c1"));
        assertTrue(store.hasAny(Role.ANNOTATOR));
        assertFalse(store.hasAny(Role.ADMIN));
        Principal listed = store.list().get(0);
        assertEquals("vendor-1", listed.name());
        assertTrue(store.revoke(listed.tokenId()));
        assertTrue(TokenStore.open(dir.resolve("tokens")).authenticate(token).isEmpty());
    }

    @Test
    void shouldNameTheBadFieldOfANewToken() {
        TokenStore store = TokenStore.open(dir.resolve("tokens"));
        assertEquals("an annotator token needs --campaigns (the campaigns it may label)",
                assertThrows(IllegalArgumentException.class, () -> store.create(Role.ANNOTATOR, "bob", Set.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.create(Role.ADMIN, "a b", Set.of()))
                .getMessage().endsWith("got a b"));
        assertEquals("role must be one of [admin, annotator], got root",
                assertThrows(IllegalArgumentException.class, () -> Role.parse("root")).getMessage());
    }
}
