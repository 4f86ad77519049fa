package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code hanzo-node} binary. */
public final class Main {
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), Terminal.system()));
  }

  /** Runs the CLI with an explicit environment (nothing below this reads System.getenv()). */
  static int execute(String[] args, Map<String, String> env, Terminal terminal) {
    return commandLine(env, terminal).execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, Terminal terminal) {
    CommandLine cli = new CommandLine(new HanzoNodeCommand());
    cli.addSubcommand(new RunCommand(env, terminal));
    cli.addSubcommand(new IdCommand(env, terminal));
    cli.addSubcommand(new KeysCommand(env, terminal));
    cli.addSubcommand(new ImagesCommand(env, terminal));
    cli.setOverwrittenOptionsAllowed(true); // the last occurrence wins, as in most Unix tools
    cli.addSubcommand(new StatusCommand(env, terminal));
    cli.addSubcommand(new HealthCommand(env, terminal));
    cli.addSubcommand(new MetricsCommand(env, terminal));
    cli.addSubcommand(new EventsCommand(env, terminal));
    cli.addSubcommand(new DeployCommand(env, terminal));
    cli.addSubcommand(new DeploymentsCommand(env, terminal));
    cli.addSubcommand(new ContainersCommand(env, terminal));
    cli.addSubcommand(new LogsCommand(env, terminal));
    cli.addSubcommand(new ScaleCommand(env, terminal));
    cli.addSubcommand(new StopCommand(env, terminal));
    cli.addSubcommand(new RmCommand(env, terminal));
    cli.addSubcommand(new ExecCommand(env, terminal));
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
      if (ex instanceof ConfigException) {
        commandLine.getErr().println(command + ": " + ex.getMessage());
        return USAGE;
      }
      commandLine.getErr().println(command + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      return 1;
    });
    return cli;
  }
}
