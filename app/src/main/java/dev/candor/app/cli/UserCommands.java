package dev.candor.app.cli;

import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.auth.Role;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.UserStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Console users and API tokens, kept in the database under {@code data.dir}. */
final class UserCommands {
    private UserCommands() {
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage console users.",
            subcommands = {AddUser.class})
    static final class User extends CommandGroup {
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user or change their password and role. The password is read from standard input "
                    + "(one line, at least 10 characters) and stored only as a slow salted hash.")
    static final class AddUser implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name.")
        String name;

        @Option(names = "--role", required = true, description = "agent, supervisor or admin.")
        String role;

        @Option(names = "--agent", description = "For agents: the configured agent name whose calls they see.")
        String agent;

        @Option(names = "--phone", description = "For supervisors: the SIP URI of the phone Candor calls to "
                + "let them listen, whisper, barge in or take over (e.g. sip:sam@192.0.2.30:5060).")
        String phone;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (phone != null && !phone.startsWith("sip:") && !phone.startsWith("sips:")) {
                spec.commandLine().getErr().println("candor: invalid --phone: " + phone + " (expected a sip: URI)");
                return 2;
            }
            Role parsed = Role.parse(role);
            CandorConfig config = options.load();
            if (parsed == Role.AGENT && config.handoff().agents().stream().noneMatch(a -> a.name().equals(agent))) {
                spec.commandLine().getErr().println("candor: --agent must name a configured agent for role agent");
                return 2;
            }
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            String hash = new PasswordHasher().hash(password == null ? new char[0] : password.toCharArray());
            try (Database db = Database.open(config.data().dir())) {
                new UserStore(db).saveUser(name, hash, parsed.code(), Optional.ofNullable(agent),
                        Optional.ofNullable(phone), Instant.now());
            }
            spec.commandLine().getOut().println("user " + name + " saved with role " + parsed.code());
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
            subcommands = {CreateToken.class})
    static final class Token extends CommandGroup {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API token and print it once; only its hash is stored.")
    static final class CreateToken implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the token (for the audit log).")
        String name;

        @Option(names = "--role", required = true, description = "agent, supervisor or admin.")
        String role;

        @Option(names = "--agent", description = "For agent tokens: the configured agent name.")
        String agent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = "cnd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try (Database db = Database.open(options.load().data().dir())) {
                new UserStore(db).saveToken(token, name, parsed.code(), Optional.ofNullable(agent), Instant.now());
            }
            spec.commandLine().getOut().println(token);
            return 0;
        }
    }
}
