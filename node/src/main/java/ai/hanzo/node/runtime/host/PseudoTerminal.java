package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.TerminalSize;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a command on a pseudo-terminal with util-linux's {@code script}, since Java cannot open a pty (or receive a
 * console fd from runc's {@code --console-socket}) without native code. The terminal starts at the size the client
 * asked for (24x80 without one), so {@code stty size} and curses programs see a real size; its output (stdout and
 * stderr alike) is one stream, with the terminal's usual CR LF line ends. Input is not echoed by this outer terminal
 * ({@code -E never}). The shell {@code script} starts writes the terminal's name to a file before it runs the
 * command, so {@link #resize} can find it: {@code stty -F} sets the size and the kernel sends the terminal's
 * foreground process group SIGWINCH (runc, when it relays, passes the new size on to the container's terminal).
 */
public final class PseudoTerminal {
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final Path STTY = Path.of("/bin/stty");
  private static final Duration STTY_TIMEOUT = Duration.ofSeconds(10);

  private PseudoTerminal() {}

  /**
   * {@code argv} as run by {@code script}, which gives it a terminal of {@code size} and exits with its exit code;
   * the terminal's name ({@code /dev/pts/N}) goes to {@code nameFile} first.
   */
  public static List<String> wrap(List<String> argv, TerminalSize size, Path nameFile) {
    if (!Files.isExecutable(SCRIPT)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "exec with a terminal (tty) needs " + SCRIPT
          + " from util-linux (apt-get install bsdutils), which is not installed");
    }
    String name = quote(List.of(nameFile.toString()));
    String tmp = quote(List.of(nameFile + ".tmp"));
    String prelude = STTY + " rows " + size.rows() + " cols " + size.cols() + " 2>/dev/null; /usr/bin/tty > " + tmp
        + " && /bin/mv -f " + tmp + " " + name + "; ";
    return List.of(SCRIPT.toString(), "-q", "-f", "-e", "-E", "never", "-c", prelude + "exec " + quote(argv),
        "/dev/null");
  }

  /**
   * Gives the terminal {@code device} (as {@link #wrap} wrote it) a new size. Blocks for a host command (a few
   * milliseconds): call it off the event loop.
   */
  public static void resize(String device, TerminalSize size) {
    if (!device.matches("/dev/pts/[0-9]{1,9}")) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "not a pseudo-terminal: " + device);
    }
    HostCommand.check(List.of(STTY.toString(), "-F", device, "rows", Integer.toString(size.rows()), "cols",
        Integer.toString(size.cols())), STTY_TIMEOUT);
  }

  /** Each argument single-quoted for sh, so none is split or expanded. */
  static String quote(List<String> argv) {
    return argv.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
  }
}
