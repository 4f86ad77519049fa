package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of the {@code hanzo-node} binary. */
public final class Main {
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    LibraryDefaults.apply(System.getProperties());
    System.exit(execute(args, System.getenv(), Terminal.system()));
  }

  /** Runs the CLI with an explicit environment (nothing below this reads System.getenv()). */
  static int execute(String[] args, Map<String, String> env, Terminal terminal) {
    return commandLine(env, terminal, args.length > 0 ? args[0] : "").execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, Terminal terminal) {
    return commandLine(env, terminal, "");
  }

  /**
   * The command line with every subcommand, or with only {@code first} when the arguments start with that
   * subcommand: picocli reads each command's annotations eagerly, and skipping the unused ones takes a tenth
   * of a second off every start of the node.
   */
  static CommandLine commandLine(Map<String, String> env, Terminal terminal, String first) {
    Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
    subcommands.put("run", () -> new RunCommand(env, terminal));
    subcommands.put("id", () -> new IdCommand(env, terminal));
    subcommands.put("keys", () -> new KeysCommand(env, terminal));
    subcommands.put("bindings", () -> new BindingsCommand(env, terminal));
    subcommands.put("images", () -> new ImagesCommand(env, terminal));
    subcommands.put("models", () -> new ModelsCommand(env, terminal));
    subcommands.put("status", () -> new StatusCommand(env, terminal));
    subcommands.put("health", () -> new HealthCommand(env, terminal));
    subcommands.put("metrics", () -> new MetricsCommand(env, terminal));
    subcommands.put("events", () -> new EventsCommand(env, terminal));
    subcommands.put("deploy", () -> new DeployCommand(env, terminal));
    subcommands.put("deployments", () -> new DeploymentsCommand(env, terminal));
    subcommands.put("containers", () -> new ContainersCommand(env, terminal));
    subcommands.put("inspect", () -> new InspectCommand(env, terminal));
    subcommands.put("logs", () -> new LogsCommand(env, terminal));
    subcommands.put("scale", () -> new ScaleCommand(env, terminal));
    subcommands.put("stop", () -> new StopCommand(env, terminal));
    subcommands.put("rm", () -> new RmCommand(env, terminal));
    subcommands.put("exec", () -> new ExecCommand(env, terminal));
    subcommands.put("audit", () -> new AuditCommand(env, terminal));
    subcommands.put("usage", () -> new UsageCommand(env, terminal));
    subcommands.put("peers", () -> new NetworkCommands.Peers(env, terminal));
    subcommands.put("network", () -> new NetworkCommands.Network(env, terminal));
    subcommands.put("providers", () -> new ProvidersCommand(env, terminal));
    subcommands.put("pools", () -> new PoolsCommand(env, terminal));
    subcommands.put("command", () -> new CommandCommand(env, terminal));
    subcommands.put("cordon", () -> new SchedulingCommands.Cordon(env, terminal));
    subcommands.put("drain", () -> new SchedulingCommands.Drain(env, terminal));
    subcommands.put("uncordon", () -> new SchedulingCommands.Uncordon(env, terminal));
    subcommands.put("operator", () -> new OperatorCommand(env, terminal));
    subcommands.put("qos", () -> new QosCommand(env, terminal));
    subcommands.put("allocate", () -> new AllocateCommand(env, terminal));
    CommandLine cli = new CommandLine(new HanzoNodeCommand());
    if (subcommands.containsKey(first)) {
      cli.addSubcommand(subcommands.get(first).get());
    } else {
      subcommands.values().forEach(command -> cli.addSubcommand(command.get()));
    }
    // After the subcommands: picocli applies these settings to the subcommands present when they are called.
    cli.setOverwrittenOptionsAllowed(true); // the last occurrence wins, as in most Unix tools
    cli.setOut(new PrintWriter(terminal.out(), true));
    cli.setErr(new PrintWriter(terminal.err(), true));
    cli.setParameterExceptionHandler((ex, argv) -> {
      String command = ex.getCommandLine().getCommandSpec().qualifiedName();
      ex.getCommandLine().getErr().println(command + ": " + ex.getMessage()
          + " (see '" + command + " --help')");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      String command = commandLine.getCommandSpec().qualifiedName();
      if (ex instanceof ConfigException || ex instanceof ai.hanzo.node.app.MissingIdentityException) {
        commandLine.getErr().println(command + ": " + ex.getMessage());
        return USAGE;
      }
      commandLine.getErr().println(command + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      return 1;
    });
    return cli;
  }
}
