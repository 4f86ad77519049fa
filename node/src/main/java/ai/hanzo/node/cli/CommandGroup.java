package ai.hanzo.node.cli;

import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that only groups verbs calling the running node ({@code hanzo-node qos|pools|operator ...}): alone it
 * prints its usage; its {@link GroupCall}s take the client options given at any level, the innermost winning.
 */
abstract class CommandGroup implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client = new ClientOptions();
  @ParentCommand HanzoNodeCommand parent;

  CommandGroup(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The client options of this group, over those given to {@code hanzo-node} itself. */
  ClientOptions inherited() {
    return parent == null ? client : client.orElse(parent.client);
  }
}
