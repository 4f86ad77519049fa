package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hanzo-node exec [-it] CONTAINER -- CMD...}: exits with the command's exit code. */
@Command(name = "exec", mixinStandardHelpOptions = true,
    description = "Run a command in a container; its exit code becomes this command's.")
final class ExecCommand extends ClientCommand {
  @Option(names = {"-i", "--interactive"}, description = "Pipe this terminal's standard input to the command.")
  boolean interactive;

  @Option(names = {"-t", "--tty"}, description = "Ask for a terminal in the container, of this terminal's size"
      + " (and resized with it).")
  boolean tty;

  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container id.")
  String containerId;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  private int exit;

  ExecCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "exec";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    InputStream stdin = interactive ? terminal.in() : InputStream.nullInputStream();
    exit = node.exec(containerId, command, tty, tty ? LocalTerminalSize.of(terminal) : ai.hanzo.node.client.ExecTerminal.NONE,
        stdin, terminal.out(), terminal.err());
  }

  @Override
  int exitCode() {
    return exit;
  }
}
