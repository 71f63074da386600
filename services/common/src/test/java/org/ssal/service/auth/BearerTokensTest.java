package org.ssal.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.service.SsalHome;

class BearerTokensTest {
    @TempDir
    Path dir;

    @Test
    void shouldUseTheHomesTokenFileUnlessTheSettingNamesOne() {
        assertEquals(Path.of("/srv/ssal/tokens"), BearerTokens.fileOf(Optional.empty(), Map.of(SsalHome.ENV, "/srv/ssal")));
        assertEquals(Path.of("/srv/ssal/tokens"), BearerTokens.fileOf(Optional.of(" "), Map.of(SsalHome.ENV, "/srv/ssal")));
        assertEquals(Path.of("/etc/t"), BearerTokens.fileOf(Optional.of("/etc/t"), Map.of(SsalHome.ENV, "/srv/ssal")));
        assertEquals(Path.of(System.getProperty("user.home"), ".ssal", "tokens"), BearerTokens.fileOf(Optional.empty(), Map.of()));
    }

    @Test
    void shouldNameTheHolderOfAValidTokenAndRefuseOthersWithoutEchoingThem() {
        Path file = dir.resolve("tokens");
        String token = TokenStore.open(file).create(Role.ADMIN, "lead", Set.of());
        BearerTokens tokens = new BearerTokens(file);
        assertEquals("lead", tokens.principalOf("Bearer " + token).name());

        BearerTokens.Refusal missing = assertThrows(BearerTokens.Refusal.class, () -> tokens.principalOf(null));
        assertNull(missing.shownValue());
        BearerTokens.Refusal bare = assertThrows(BearerTokens.Refusal.class, () -> tokens.principalOf(token));
        assertEquals("(hidden)", bare.shownValue(), "a bare token is not shown back");
        BearerTokens.Refusal wrong = assertThrows(BearerTokens.Refusal.class,
                () -> tokens.principalOf("Bearer " + token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")));
        assertEquals("Authorization", wrong.field());
        assertFalse(wrong.shownValue().contains(token.substring(14)) || wrong.getMessage().contains(token.substring(14)));
    }
}
