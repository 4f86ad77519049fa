package ai.hanzo.node.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hanzo-node bindings set|ls|rm}: role bindings of a running node through its admin API, or of a stopped node
 * on its data directory. This is how a client certificate gets roles: bind {@code cert:<SAN URI or CN>}.
 */
@Command(name = "bindings", mixinStandardHelpOptions = true,
    description = "Bind roles to token subjects, client certificates (cert:<identity>) or peers whose signed gossip"
        + " commands this node runs (peer:<PeerId>), on a stopped node.",
    subcommands = {BindingsCommand.Set.class, BindingsCommand.Ls.class, BindingsCommand.Rm.class})
final class BindingsCommand extends OfflineAdminCommand {
  BindingsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Bind roles to a subject (replaces its roles).")
  static final class Set implements Callable<Integer> {
    @ParentCommand BindingsCommand bindings;

    @Parameters(index = "0", paramLabel = "SUBJECT",
        description = "A token's sub, cert:<identity> for a client certificate (its SAN URI, else its CN), or"
            + " peer:<PeerId> for a node whose commands this node runs.")
    String subject;

    @Parameters(index = "1", paramLabel = "ROLE", split = ",", arity = "1..*",
        description = "anonymous, viewer, operator, admin, node or a custom role.")
    List<String> roles;

    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      try (KeySources admin = bindings.open(client)) {
        admin.bind(subject, roles);
      }
      bindings.terminal.out().println(subject + " -> " + String.join(",", roles));
      return 0;
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List bindings.")
  static final class Ls implements Callable<Integer> {
    @ParentCommand BindingsCommand bindings;
    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      try (KeySources admin = bindings.open(client)) {
        bindings.terminal.out().printf("%-48s %s%n", "SUBJECT", "ROLES");
        admin.bindings().forEach((subject, roles) ->
            bindings.terminal.out().printf("%-48s %s%n", subject, String.join(",", roles)));
      }
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a subject's binding.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand BindingsCommand bindings;

    @Parameters(paramLabel = "SUBJECT", description = "The subject as bindings ls shows it.")
    String subject;

    @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();

    @Override
    public Integer call() throws Exception {
      try (KeySources admin = bindings.open(client)) {
        if (!admin.unbind(subject)) {
          bindings.terminal.err().println("hanzo-node bindings rm: no binding for '" + subject
              + "'; see hanzo-node bindings ls");
          return 1;
        }
      }
      bindings.terminal.out().println("removed " + subject);
      return 0;
    }
  }
}
