package ai.hanzo.bench.placement;

import static ai.hanzo.bench.placement.PlacementNodes.WAIT;
import static ai.hanzo.bench.placement.PlacementNodes.awaitTrue;
import static ai.hanzo.bench.placement.PlacementNodes.heard;
import static ai.hanzo.bench.placement.PlacementNodes.peerId;
import static ai.hanzo.bench.placement.PlacementNodes.port;
import static ai.hanzo.bench.placement.PlacementNodes.ready;
import static ai.hanzo.bench.placement.PlacementNodes.send;
import static ai.hanzo.bench.placement.PlacementNodes.start;
import static ai.hanzo.bench.placement.PlacementNodes.status;
import static ai.hanzo.bench.placement.PlacementNodes.url;

import ai.hanzo.bench.BenchNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Placement with real nodes (process runtime, heartbeats every second): A places, B and C carry {@code tier=gold}.
 * (1) Deploy to running: a deploy asked of A with {@code --anywhere --constraint tier=gold} that lands on B, against
 * a local deploy on B, interleaved in the same run, each timed from the call to B's status saying 1/1 ready.
 * (2) Time to re-place: a deployment placed on B or C, its node SIGKILLed, timed until the other one has it; the
 * killed node is started again (its old copy released) before the next round. Run from the repository root:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.placement.ReplacementBench ROUNDS LEASE_SECONDS}.
 */
public final class ReplacementBench {

  private ReplacementBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int lease = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path base = Files.createTempDirectory("hanzo-replace");
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--lease-timeout", lease + "s",
        "--mdns", "false"};
    List<BenchNode> nodes = new ArrayList<>();
    try {
      BenchNode a = start(nodes, base.resolve("a"), common, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + port(a, "p2p") + "/p2p/" + peerId(a);
      BenchNode[] targets = {start(nodes, base.resolve("b"), common, "--node-id", "node-b", "--label",
          "tier=gold", "--bootstrap", bootstrap), null};
      targets[0].awaitReady(WAIT);
      awaitTrue(() -> heard(a, "node-b"));

      List<Double> local = new ArrayList<>();
      List<Double> anywhere = new ArrayList<>();
      for (int i = 0; i < rounds + 2; i++) {
        double l = deployToRunning(targets[0], targets[0], "local-" + i, false);
        double p = deployToRunning(a, targets[0], "any-" + i, true);
        if (i >= 2) { // the first two of each warm the JVMs
          local.add(l);
          anywhere.add(p);
        }
      }
      System.out.printf(Locale.ROOT, "deploy to running, %d rounds: local on B median %.0f ms (p90 %.0f),"
          + " anywhere via A to B median %.0f ms (p90 %.0f), difference of medians %.0f ms%n", rounds,
          median(local), p90(local), median(anywhere), p90(anywhere), median(anywhere) - median(local));

      targets[1] = start(nodes, base.resolve("c"), common, "--node-id", "node-c", "--label", "tier=gold",
          "--bootstrap", bootstrap);
      targets[1].awaitReady(WAIT);
      awaitTrue(() -> heard(a, "node-c"));
      String[] names = {"node-b", "node-c"};
      List<Double> moves = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        String id = "move-" + i;
        deployToRunning(a, null, id, true);
        int on = status(targets[0], id) == 200 ? 0 : 1;
        int other = 1 - on;
        long killed = System.nanoTime();
        targets[on].kill9();
        awaitTrue(() -> status(targets[other], id) == 200);
        moves.add((System.nanoTime() - killed) / 1e6);
        nodes.remove(targets[on]);
        targets[on] = start(nodes, base.resolve(on == 0 ? "b" : "c"), common, "--node-id", names[on], "--label",
            "tier=gold", "--bootstrap", bootstrap);
        targets[on].awaitReady(WAIT);
        BenchNode back = targets[on];
        awaitTrue(() -> status(back, id) == 404);
        send(HttpRequest.newBuilder(URI.create(url(a, "/v1/deployments/" + id))).DELETE().build());
      }
      System.out.printf(Locale.ROOT, "time to re-place after kill -9 (lease timeout %d s, heartbeat 1 s), %d rounds:"
          + " median %.0f ms, min %.0f, max %.0f%n", lease, rounds, median(moves), Collections.min(moves),
          Collections.max(moves));
    } finally {
      for (BenchNode n : nodes) {
        n.close();
      }
      ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
          .contains("replace-bench")).forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Deploys through {@code via} and waits until {@code runsOn} (any node when null) reports it 1/1 ready. */
  private static double deployToRunning(BenchNode via, BenchNode runsOn, String id, boolean anywhere)
      throws Exception {
    String placement = anywhere
        ? ", \"placement\": {\"anywhere\": true, \"constraints\": {\"tier\": \"gold\"}}" : "";
    String body = "{\"deploymentId\": \"" + id + "\", \"spec\": {\"services\": {\"web\": {\"image\": \"process\","
        + " \"command\": [\"sh\", \"-c\", \"echo replace-bench; while sleep 1; do :; done\"]}}}" + placement + "}";
    long start = System.nanoTime();
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(via, "/v1/deployments")))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("deploy " + id + ": " + r.statusCode() + " " + r.body());
    }
    BenchNode target = runsOn != null ? runsOn : via;
    awaitTrue(() -> ready(target, id) || runsOn == null);
    double ms = (System.nanoTime() - start) / 1e6;
    if (runsOn != null) {
      send(HttpRequest.newBuilder(URI.create(url(via, "/v1/deployments/" + id))).DELETE().build());
    }
    return ms;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static double p90(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.9) - 1));
  }
}
