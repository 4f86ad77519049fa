package ai.hanzo.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in-process with a given environment and captures what it prints. */
final class CliHarness {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Terminal terminal = new Terminal(
      new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);

  int run(Map<String, String> env, String... args) {
    return Main.execute(args, env, terminal);
  }

  RunCommand parseRun(Map<String, String> env, String... args) {
    var cli = Main.commandLine(env, terminal);
    var result = cli.parseArgs(prepend("run", args));
    return (RunCommand) result.subcommand().commandSpec().userObject();
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
