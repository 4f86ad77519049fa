package ai.hanzo.node.cli;

import ai.hanzo.node.config.Parsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hanzo-node keys create|ls|revoke}: API keys of a running node through its admin API, or of a stopped node on
 * its data directory (how the first admin credential of a fresh node is made).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys: through the running node's API (admins only), or on a stopped"
        + " node's data directory.",
    subcommands = {KeysCommand.Create.class, KeysCommand.Ls.class, KeysCommand.Revoke.class})
final class KeysCommand extends OfflineAdminCommand {
  KeysCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key and print its secret (shown this once only).")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "anonymous, viewer, operator, admin, node or a custom role.")
    String role;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "A label for the key.")
    String name;

    @Option(names = "--org", paramLabel = "ORG", description = "The organisation the key acts for.")
    String org;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Validity, e.g. 90d; default never.")
    String expiresIn;

    @Option(names = "--allow-cidr", paramLabel = "CIDR", split = ",",
        description = "Source networks the key may be used from (repeatable); default any.")
    List<String> cidrs = new ArrayList<>();

    @Option(names = "--rate-limit", paramLabel = "N", description = "The key's own requests per minute.")
    Integer rateLimit;

    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      Duration ttl = expiresIn == null ? null : parseDuration(expiresIn);
      try (KeySources admin = keys.open(client)) {
        KeySources.Created created = admin.create(name, role, org, ttl, cidrs, rateLimit);
        keys.terminal.out().println("id      " + created.key().id());
        keys.terminal.out().println("role    " + created.key().role());
        keys.terminal.out().println("key     " + created.secret());
        keys.terminal.err().println("Store the key now: it is not shown again. Send it as the x-api-key header.");
      }
      return 0;
    }

    private static Duration parseDuration(String text) {
      try {
        return Parsers.duration(text);
      } catch (RuntimeException e) {
        throw new ai.hanzo.node.config.ConfigException(
            "--expires-in: '" + text + "' is not a duration such as 90d or 12h");
      }
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
  static final class Ls implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      try (KeySources admin = keys.open(client)) {
        keys.terminal.out().printf("%-24s %-16s %-10s %-12s %-21s %-21s %s%n", "ID", "NAME", "ROLE", "ORG",
            "CREATED", "EXPIRES", "ACTIVE");
        for (KeySources.Key k : admin.list()) {
          keys.terminal.out().printf("%-24s %-16s %-10s %-12s %-21s %-21s %s%n", k.id(), k.name(), k.role(),
              Optional.ofNullable(k.org()).orElse("-"), k.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              k.expiresAt() == null ? "never" : k.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), k.active() ? "yes" : "revoked");
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "ID", description = "The key's id, as keys ls shows it.")
    String id;

    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      try (KeySources admin = keys.open(client)) {
        if (!admin.revoke(id)) {
          keys.terminal.err().println("hanzo-node keys revoke: no key with id '" + id + "'; see hanzo-node keys ls");
          return 1;
        }
        keys.terminal.out().println("revoked " + id);
      }
      return 0;
    }
  }
}
