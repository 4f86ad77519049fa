package ai.hanzo.bench.compute;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.LogStream;
import ai.hanzo.node.runtime.TerminalSize;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Resize round trip of an exec with a tty through the process runtime in this JVM (no node around it): from
 * {@link ExecSession#resize} to the shell's SIGWINCH trap printing the new {@code stty size}, n times, against the
 * anchor of the same terminal's plain input echo (a byte written to stdin, the pty echoing it back), interleaved in
 * the same session. Prints p50/p90/p99 of both in ms and their ratio.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.compute.TerminalResizeBench [n=200]}
 */
public final class TerminalResizeBench {
  /**
   * The shell waits in {@code wait}, which a trapped signal interrupts at once (POSIX), and prints its size; it turns
   * the terminal's echo on (script -E never starts it off) for the anchor.
   */
  private static final String SHELL = "stty echo; trap 'echo \"size $(stty size)\"' WINCH; echo ready; "
      + "while :; do sleep 3600 & wait $!; done";

  private TerminalResizeBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path data = Files.createTempDirectory("hanzo-resize-bench");
    try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(data.resolve("runtime"), data))) {
      String id = runtime.create(ContainerSpec.of("resize-bench", "", List.of("sleep", "3600")));
      runtime.start(id);
      Output out = new Output();
      try (ExecSession session = runtime.exec(id, new ExecSpec(List.of("sh", "-c", SHELL), Map.of(), true, true,
          new TerminalSize(24, 80)), out)) {
        out.awaitAfter(0, "ready");
        long[] resize = new long[n];
        long[] echo = new long[n];
        for (int i = 0; i < n; i++) {
          TerminalSize size = new TerminalSize(30 + i % 60, 100 + i % 90);
          int from = out.length();
          long t0 = System.nanoTime();
          session.resize(size);
          out.awaitAfter(from, "size " + size.rows() + " " + size.cols());
          resize[i] = System.nanoTime() - t0;
          from = out.length();
          String mark = "e" + i + "x";
          t0 = System.nanoTime();
          session.stdin().write(mark.getBytes(StandardCharsets.US_ASCII));
          session.stdin().flush();
          out.awaitAfter(from, mark);
          echo[i] = System.nanoTime() - t0;
        }
        System.out.printf("n=%d  resize p50 %.2f p90 %.2f p99 %.2f ms | echo anchor p50 %.2f p90 %.2f p99 %.2f ms"
            + " | resize/echo p50 %.1fx%n", n, ms(resize, 50), ms(resize, 90), ms(resize, 99), ms(echo, 50),
            ms(echo, 90), ms(echo, 99), ms(resize, 50) / ms(echo, 50));
      } finally {
        runtime.stop(id, Duration.ZERO);
        runtime.remove(id);
      }
    }
  }

  private static double ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }

  /** The exec's output as text; waits for a marker to appear past an offset. */
  private static final class Output implements ai.hanzo.node.runtime.ExecOutput {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void onOutput(LogStream stream, byte[] chunk) {
      text.append(new String(chunk, StandardCharsets.UTF_8));
      notifyAll();
    }

    synchronized int length() {
      return text.length();
    }

    synchronized void awaitAfter(int from, String marker) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (text.indexOf(marker, from) < 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no '" + marker + "' within 30 s; output: " + text.substring(from));
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
