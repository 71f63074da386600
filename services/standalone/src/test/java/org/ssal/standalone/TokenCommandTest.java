package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;
import picocli.CommandLine;

class TokenCommandTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ssal(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = SsalMain.commandLine();
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String createdToken() {
        String[] lines = out.toString().strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    @Test
    void shouldPrintATokenOnceAndStoreOnlyItsHashInTheHome() throws Exception {
        assertEquals(0, ssal("token", "create", "--home", home.toString(), "--role", "annotator", "--name", "alice",
                "--campaigns", "c1,c2"), err.toString());
        String token = createdToken();
        assertTrue(token.startsWith("ssal_"), out.toString());
        Principal alice = TokenStore.open(home.resolve("tokens")).authenticate(token).orElseThrow();
        assertEquals("alice", alice.name());
        assertEquals(Role.ANNOTATOR, alice.role());
        assertTrue(alice.mayLabel("c1") && alice.mayLabel("c2") && !alice.mayLabel("c3"));
        assertFalse(Files.readString(home.resolve("tokens")).contains(token.substring(14)), "no secret on disk");

        assertEquals(0, ssal("token", "list", "--home", home.toString()));
        assertTrue(out.toString().contains(alice.tokenId()) && out.toString().contains("alice")
                && out.toString().contains("c1,c2"), out.toString());
        assertFalse(out.toString().contains(token.substring(14)), "list never shows a secret");
    }

    @Test
    void shouldStopATokenWhenItIsRevoked() {
        assertEquals(0, ssal("token", "create", "--home", home.toString(), "--role", "admin", "--name", "lead"));
        String token = createdToken();
        String id = token.split("_")[1];
        assertEquals(0, ssal("token", "revoke", "--home", home.toString(), id), err.toString());
        assertTrue(TokenStore.open(home.resolve("tokens")).authenticate(token).isEmpty());
        assertEquals(0, ssal("token", "list", "--home", home.toString()));
        assertFalse(out.toString().contains(id), out.toString());

        assertEquals(2, ssal("token", "revoke", "--home", home.toString(), id));
        assertTrue(err.toString().contains("no token with id " + id), err.toString());
    }

    @Test
    void shouldNameTheOptionAndValueWhenTheRequestIsBad() {
        assertEquals(2, ssal("token", "create", "--home", home.toString(), "--role", "owner", "--name", "x"));
        assertTrue(err.toString().contains("--role") && err.toString().contains("owner"), err.toString());

        assertEquals(2, ssal("token", "create", "--home", home.toString(), "--role", "annotator", "--name", "bob"));
        assertTrue(err.toString().contains("--campaigns"), err.toString());

        assertEquals(2, ssal("token", "create", "--home", home.toString(), "--role", "admin", "--name", "has space"));
        assertTrue(err.toString().contains("name") && err.toString().contains("has space"), err.toString());

        assertEquals(2, ssal("token", "create", "--home", home.toString(), "--role", "admin", "--name", "lead",
                "--campaigns", "c1"));
        assertTrue(err.toString().contains("--campaigns"), err.toString());

        assertEquals(2, ssal("token", "create", "--home", home.toString(), "--name", "lead"));
        assertTrue(err.toString().contains("--role"), err.toString());
        assertFalse(Files.exists(home.resolve("tokens")), "nothing was made");
    }
}
