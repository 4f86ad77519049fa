package ai.hanzo.bench.libp2p;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Gossip propagation latency, a Java mesh and a js-libp2p mesh of the same shape in one run: every node subscribes
 * one topic and dials the next and the third next; publishers take turns at 100 and 1,000 messages/s of 1 KiB.
 * Latency is from the publish call to the delivery at every other node, on this JVM's monotonic clock; for the js
 * mesh that includes the stdin/stdout hops to and from the js processes (see {@link JsGossipMesh}), whose idle round
 * trip is printed next to the table. Loss counts deliveries still missing after a drain period. Usage: {@code java
 * -cp bench/target/benchmarks.jar ai.hanzo.bench.libp2p.GossipLatencyBench <js-peer dir with node_modules, or - for
 * Java only> [nodes] [seconds per rate]}; the js peer is the repository's {@code interop/js-peer} after {@code npm ci}
 * in it (or in a copy).
 */
public final class GossipLatencyBench {
  private static final int[] RATES = {100, 1000};

  private GossipLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    if (args.length == 0) {
      System.err.println("usage: GossipLatencyBench <js-peer dir with node_modules | -> [nodes] [seconds]");
      System.exit(2);
    }
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.out.printf("Gossipsub latency, %d nodes per mesh on loopback, 1 KiB messages, %d s per rate; JDK %s,"
        + " %d cores, load average %.2f at start%n", nodes, seconds, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("| mesh | rate (msg/s) | messages | deliveries expected | delivered | missing | duplicates"
        + " | p50 ms | p99 ms | max ms |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    GossipLoad load = new GossipLoad();
    try (JavaGossipMesh java = new JavaGossipMesh(nodes, load)) {
      measure(java, load, seconds);
    }
    if (!args[0].equals("-")) {
      try (JsGossipMesh js = new JsGossipMesh(Path.of(args[0]), nodes, load)) {
        double stdio = js.stdioRoundTripMillis(200);
        measure(js, load, seconds);
        System.out.printf("js: a command's round trip over stdin/stdout at idle, p50 %.2f ms (part of every js"
            + " latency); publish commands that failed: %d%n", stdio, js.failedPublishes());
      }
    }
  }

  private static void measure(GossipMesh mesh, GossipLoad load, int seconds) throws InterruptedException {
    load.run(mesh, 100, 3, 5);
    for (int rate : RATES) {
      print(mesh, load.run(mesh, rate, seconds, 10));
    }
  }

  private static void print(GossipMesh mesh, GossipLoad.Row row) {
    boolean any = row.delivered() > 0;
    System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %s | %s | %s |%n", mesh.name(), row.rate(),
        row.messages(), row.expected(), row.delivered(), row.missing(), row.duplicates(),
        any ? String.format("%.2f", row.millis().percentile(50)) : "-",
        any ? String.format("%.2f", row.millis().percentile(99)) : "-",
        any ? String.format("%.2f", row.millis().percentile(100)) : "-");
  }
}
