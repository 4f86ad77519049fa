package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a command on a pseudo-terminal with util-linux's {@code script}, since Java cannot open a pty (or receive a
 * console fd from runc's {@code --console-socket}) without native code. The terminal starts at 24x80, so
 * {@code stty size} and curses programs see a real size; its output (stdout and stderr alike) is one stream, with
 * the terminal's usual CR LF line ends. Input is not echoed by this outer terminal ({@code -E never}).
 */
public final class PseudoTerminal {
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  /** The terminal's size, which a runtime that makes a terminal of its own gives that one from the start too. */
  public static final int ROWS = 24;
  public static final int COLUMNS = 80;
  private static final String SIZE = "/bin/stty rows " + ROWS + " cols " + COLUMNS + " 2>/dev/null; ";

  private PseudoTerminal() {}

  /** {@code argv} as run by {@code script}, which gives it a terminal and exits with its exit code. */
  public static List<String> wrap(List<String> argv) {
    if (!Files.isExecutable(SCRIPT)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "exec with a terminal (tty) needs " + SCRIPT
          + " from util-linux (apt-get install bsdutils), which is not installed");
    }
    return List.of(SCRIPT.toString(), "-q", "-f", "-e", "-E", "never", "-c", SIZE + "exec " + quote(argv),
        "/dev/null");
  }

  /** Each argument single-quoted for sh, so none is split or expanded. */
  static String quote(List<String> argv) {
    return argv.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
  }
}
