package ai.hanzo.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * A command to run inside a running container. {@code env} is added to the container's environment; with
 * {@code stdin} false the command reads end-of-file at once. {@code size} is where a tty starts (ignored without
 * one); {@link ExecSession#resize} changes it later.
 */
public record ExecSpec(List<String> cmd, Map<String, String> env, boolean tty, boolean stdin, TerminalSize size) {
  public ExecSpec {
    cmd = List.copyOf(cmd);
    env = Map.copyOf(env == null ? Map.of() : env);
    size = size == null ? TerminalSize.DEFAULT : size;
    if (cmd.isEmpty()) {
      throw ContainerRuntimeException.invalidSpec("exec needs a command");
    }
  }

  public ExecSpec(List<String> cmd, Map<String, String> env, boolean tty, boolean stdin) {
    this(cmd, env, tty, stdin, TerminalSize.DEFAULT);
  }

  public static ExecSpec of(String... cmd) {
    return new ExecSpec(List.of(cmd), Map.of(), false, false);
  }
}
