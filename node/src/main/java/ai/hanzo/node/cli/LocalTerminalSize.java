package ai.hanzo.node.cli;

import ai.hanzo.node.client.ExecTerminal;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The size of the terminal {@code hanzo-node exec -it} runs in, read with {@code stty size} on {@code /dev/tty}
 * (Java has no call for it), and SIGWINCH through {@code sun.misc.Signal}, looked up reflectively: on a platform or
 * JVM without either, the exec just keeps its first size (or the node's 24x80). Both are best effort by design: a
 * terminal size is a comfort, never a reason for exec to fail.
 */
final class LocalTerminalSize implements ExecTerminal {
  private static final Path STTY = Path.of("/bin/stty");
  private static final File TTY = new File("/dev/tty");
  private static final long STTY_TIMEOUT_SECONDS = 2;
  private static final int MAX = 10_000;

  /** The local terminal when there is one to follow, else {@link ExecTerminal#NONE}. */
  static ExecTerminal of(Terminal terminal) {
    if (!terminal.isInteractive() || !Files.isExecutable(STTY) || !TTY.canRead()) {
      return ExecTerminal.NONE;
    }
    return new LocalTerminalSize();
  }

  @Override
  public Optional<Size> size() {
    try {
      Process stty = new ProcessBuilder(STTY.toString(), "size").redirectInput(TTY)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!stty.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        stty.destroyForcibly();
        return Optional.empty();
      }
      String[] parts = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
          .split("\\s+");
      if (stty.exitValue() != 0 || parts.length != 2) {
        return Optional.empty();
      }
      return parse(parts[0], parts[1]);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A size the node accepts; a terminal reporting 0x0 (some do before their first draw) is no size at all. */
  static Optional<Size> parse(String rows, String cols) {
    int r = Integer.parseInt(rows);
    int c = Integer.parseInt(cols);
    if (r < 1 || c < 1) {
      return Optional.empty();
    }
    return Optional.of(new Size(Math.min(r, MAX), Math.min(c, MAX)));
  }

  @Override
  public void onResize(Runnable listener) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler call = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          listener.run();
          return null;
        }
        return objectMethod(proxy, method, args);
      };
      Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, call);
      Object winch = signal.getConstructor(String.class).newInstance("WINCH");
      signal.getMethod("handle", signal, handler).invoke(null, winch, proxy);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // no SIGWINCH here (another OS, a JVM without sun.misc, the signal taken): the size stays the first one
    }
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> "LocalTerminalSize.winch";
    };
  }
}
