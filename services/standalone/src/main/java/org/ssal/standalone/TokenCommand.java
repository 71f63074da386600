package org.ssal.standalone;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ssal.service.SsalHome;
import org.ssal.service.auth.Principal;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ssal token create|list|revoke}: the bearer tokens of a home ({@link SsalHome#tokens()}),
 * in the manner of personal access tokens. A token is printed once, when it is made; the file
 * keeps a salted hash only ({@link TokenStore}). A running {@code ssal serve} on the same home
 * sees new and revoked tokens within a second, without a restart.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "make, list and revoke the bearer tokens of the campaign API and the labeling gateway",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --home}, resolved like every other command's home. */
    static final class Home {
        @Option(names = "--home", paramLabel = "DIR",
                description = "ssal's home, whose 'tokens' file is used (default: $SSAL_HOME, else ~/.ssal)")
        Path home;

        TokenStore store() {
            return TokenStore.open(file());
        }

        Path file() {
            return SsalHome.resolve(home, System.getenv()).tokens();
        }
    }

    /** {@code admin} / {@code annotator}; picocli names the option when the value is neither. */
    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.parse(value);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "make a token and print it, the only time it is shown")
    static final class Create implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, paramLabel = "ROLE", converter = RoleConverter.class,
                description = "admin (the campaign API, every campaign) or annotator (labeling the listed campaigns)")
        Role role;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "who it is for; recorded as the annotator id of every answer ([A-Za-z0-9._@-]{1,64})")
        String name;

        @Option(names = "--campaigns", split = ",", paramLabel = "ID",
                description = "campaigns an annotator token may label (required for annotators)")
        List<String> campaigns = List.of();

        @Override
        public Integer call() {
            if (role == Role.ADMIN && !campaigns.isEmpty()) {
                throw new IllegalArgumentException("--campaigns is for annotator tokens; an admin token covers "
                        + "every campaign, got --campaigns " + String.join(",", campaigns));
            }
            Set<String> scope = new LinkedHashSet<>(campaigns);
            String token = home.store().create(role, name, scope);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("ssal: %s token for %s%s, stored as a hash in %s. It is shown only now:%n",
                    role.name().toLowerCase(java.util.Locale.ROOT), name,
                    scope.isEmpty() ? "" : " (campaigns " + String.join(",", scope) + ")", home.file());
            out.println(token);
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "list the tokens (ids, never secrets)")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Principal> tokens = home.store().list();
            if (tokens.isEmpty()) {
                out.println("ssal: no tokens in " + home.file() + " (ssal token create)");
            } else {
                out.printf("%-8s  %-9s  %-24s  %s%n", "ID", "ROLE", "NAME", "CAMPAIGNS");
                for (Principal p : tokens) {
                    out.printf("%-8s  %-9s  %-24s  %s%n", p.tokenId(), p.role().name().toLowerCase(java.util.Locale.ROOT),
                            p.name(), p.isAdmin() ? "(all)" : String.join(",", p.campaigns().stream().sorted().toList()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "revoke a token by its id (the 8 characters after ssal_); it stops working within a second")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "the token's id, as ssal token list shows it")
        String id;

        @Override
        public Integer call() {
            if (!home.store().revoke(id)) {
                throw new IllegalArgumentException("no token with id " + id + " in " + home.file() + " (ssal token list)");
            }
            spec.commandLine().getOut().println("ssal: token " + id + " revoked");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
