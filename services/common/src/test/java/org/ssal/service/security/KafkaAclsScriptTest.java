package org.ssal.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose's ACLs (deploy/compose/acls.sh) are {@link AclPlan}'s, no more and no less. */
class KafkaAclsScriptTest {
    private static final Path SCRIPT = Path.of("../../deploy/compose/acls.sh");
    private static final Pattern ACL = Pattern.compile(
            "acl --allow-principal User:(\\S+) --operation (\\S+) --(topic|group|transactional-id) (\\S+)"
                    + " --resource-pattern-type (literal|prefixed)");

    @Test
    void shouldAddExactlyThePlansAclsWhenComposeSetsUpTheCluster() throws IOException {
        List<AclPlan.Account> plan = AclPlan.accounts(List.of("acme"));
        Set<String> expected = acls(KafkaAclsScript.render(plan));
        Set<String> actual = acls(Files.readString(SCRIPT, StandardCharsets.UTF_8));

        if (!expected.equals(actual)) {
            Path regenerated = Path.of("target/acls.sh");
            Files.writeString(regenerated, KafkaAclsScript.render(plan), StandardCharsets.UTF_8);
            assertEquals(expected, actual, SCRIPT + " differs from AclPlan; what the plan says is in " + regenerated);
        }
        assertEquals(plan.stream().mapToLong(a -> a.grants().size()).sum(), actual.size());
    }

    private static Set<String> acls(String script) {
        Set<String> out = new TreeSet<>();
        for (String line : script.lines().map(String::strip).filter(l -> l.startsWith("acl ")).toList()) {
            Matcher m = ACL.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not an ACL line of the expected form: " + line);
            }
            out.add(String.join(" ", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
        }
        return out;
    }
}
