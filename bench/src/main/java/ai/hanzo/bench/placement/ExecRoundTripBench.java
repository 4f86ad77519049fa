package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.PlacementNodes.awaitTrue;
import static ai.hanzo.bench.placement.PlacementNodes.client;
import static ai.hanzo.bench.placement.PlacementNodes.median;
import static ai.hanzo.bench.placement.PlacementNodes.pct;
import static ai.hanzo.bench.placement.PlacementNodes.placedShell;
import static ai.hanzo.bench.placement.PlacementNodes.send;
import static ai.hanzo.bench.placement.PlacementNodes.status;
import static ai.hanzo.bench.placement.PlacementNodes.url;

import ai.hanzo.bench.BenchNode;
import ai.hanzo.node.client.NodeClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Exec round trip through the placing node against the same exec directly on the target, interleaved in one run:
 * two real nodes (process runtime, heartbeats every second), A places {@code shell} on B; each round runs
 * {@code cat} in its container over gRPC (the CLI's client) with 1 KiB of stdin, timed from the call to the exit code
 * with the echo checked, once asked of B (anchor) and once of A (which finds the container on B and runs it over
 * {@code /hanzo/deploy-exec/1.0.0}). Run from the repository root:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.placement.ExecRoundTripBench ROUNDS SEED}.
 */
public final class ExecRoundTripBench {
  private static final int WARM_UP = 20;

  private ExecRoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    System.out.println("seed " + seed);
    byte[] stdin = new byte[1024];
    new Random(seed).nextBytes(stdin);
    Path base = Files.createTempDirectory("hanzo-exec-bench");
    List<BenchNode> nodes = new ArrayList<>();
    try {
      BenchNode[] ab = placedShell(nodes, base, "exec-bench");
      BenchNode a = ab[0];
      BenchNode b = ab[1];
      List<Double> direct = new ArrayList<>();
      List<Double> through = new ArrayList<>();
      try (NodeClient onB = client(b); NodeClient onA = client(a)) {
        for (int i = 0; i < rounds + WARM_UP; i++) {
          double d = echo(onB, stdin);
          double t = echo(onA, stdin);
          if (i >= WARM_UP) {
            direct.add(d);
            through.add(t);
          }
        }
      }
      System.out.printf(Locale.ROOT, "exec round trip (cat, 1 KiB stdin echoed, gRPC), %d rounds after %d warm-up:"
          + " directly on B median %.2f ms (p90 %.2f, p99 %.2f); through A median %.2f ms (p90 %.2f, p99 %.2f);"
          + " ratio of medians %.2fx, difference %.2f ms%n", rounds, WARM_UP, median(direct), pct(direct, 0.9),
          pct(direct, 0.99), median(through), pct(through, 0.9), pct(through, 0.99),
          median(through) / median(direct), median(through) - median(direct));
      send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments/shell"))).DELETE().build());
      awaitTrue(() -> status(b, "shell") == 404);
    } finally {
      for (BenchNode n : nodes) {
        n.close();
      }
      ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
          .contains("exec-bench")).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static double echo(NodeClient client, byte[] stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit = client.exec("shell-web-1", List.of("cat"), false, new ByteArrayInputStream(stdin), out,
        new ByteArrayOutputStream());
    double ms = (System.nanoTime() - start) / 1e6;
    if (exit != 0 || !Arrays.equals(out.toByteArray(), stdin)) {
      throw new IllegalStateException("exec answered exit " + exit + " with " + out.size() + " bytes");
    }
    return ms;
  }

}
