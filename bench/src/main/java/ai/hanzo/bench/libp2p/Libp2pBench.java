package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.EventLoops;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * libp2p throughput, connection setup and memory, Java and js side by side on loopback, in one
 * run. Usage: {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.libp2p.Libp2pBench
 * <js-peer dir with node_modules, or - for Java only> [bytes] [runs] [dials]}, the js peer being the repository's
 * {@code interop/js-peer} after {@code npm ci} in it (or in a copy). Every throughput
 * row has a companion row with the CPU both ends' processes spent per GiB, which stays
 * comparable when other work shares the machine.
 */
public final class Libp2pBench {
  private static final long WARM_UP = 32L << 20;

  private final long bytes;
  private final int runs;
  private final int dials;

  private Libp2pBench(long bytes, int runs, int dials) {
    this.bytes = bytes;
    this.runs = runs;
    this.dials = dials;
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Path jsDir = Path.of(args[0]);
    long bytes = args.length > 1 ? Long.parseLong(args[1]) : 256L << 20;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int dials = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    Libp2pBench bench = new Libp2pBench(bytes, runs, dials);
    System.out.printf("JDK %s, %d cores, %d MiB per perf run, median of %d%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), bytes >> 20, runs);
    bench.plainTcp();
    try (Host server = newHost(); Host client = newHost()) {
      Multiaddr at = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS)
          .encapsulate("/p2p/" + server.peerId());
      bench.javaPerf("Java -> Java", client, at, ProcessCpu::jvmNanos);
      if (!args[0].equals("-")) {
        bench.withJs(jsDir, server, client, at);
      }
      bench.javaDials("Java -> Java", client, at);
    }
    MemoryBench.run();
  }

  private void withJs(Path jsDir, Host server, Host client, Multiaddr at) throws Exception {
    try (JsPeerProcess jsServer = new JsPeerProcess(jsDir, "--inbound-conn-threshold", "100000");
        JsPeerProcess jsClient = new JsPeerProcess(jsDir, "--inbound-conn-threshold", "100000")) {
      String[] jsAt = jsServer.listening();
      jsClient.listening();
      javaPerf("Java -> js", client, Multiaddr.parse(jsAt[0]),
          () -> ProcessCpu.jvmNanos() + jsServer.cpuNanos());
      jsPerf("js -> Java", jsClient, server.peerId().toString(), at.toString(),
          () -> jsClient.cpuNanos() + ProcessCpu.jvmNanos());
      jsPerf("js -> js", jsClient, jsAt[1], jsAt[0],
          () -> jsClient.cpuNanos() + jsServer.cpuNanos());
      javaDials("Java -> js", client, Multiaddr.parse(jsAt[0]));
      jsDials("js -> Java", jsClient, at.toString());
      jsDials("js -> js", jsClient, jsAt[0]);
    }
  }

  private static Host newHost() {
    return new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withAgentVersion("bench"));
  }

  private void plainTcp() throws Exception {
    try (EventLoops loops = EventLoops.create(0)) {
      PlainTcpThroughput.run(loops, WARM_UP);
      Samples mbps = new Samples();
      Samples cpu = new Samples();
      for (int i = 0; i < runs; i++) {
        measure(() -> mbps(bytes, PlainTcpThroughput.run(loops, bytes)), ProcessCpu::jvmNanos,
            mbps, cpu);
      }
      report("plain Netty TCP (no security, no muxer)", "upload", mbps);
      reportCpu("plain Netty TCP upload", cpu);
    }
  }

  private void javaPerf(String label, Host client, Multiaddr target, LongSupplier cpu)
      throws Exception {
    Connection c = client.dial(target).get(10, TimeUnit.SECONDS);
    PerfClient.run(c, WARM_UP, WARM_UP).get(120, TimeUnit.SECONDS);
    perfRuns(label, cpu,
        () -> PerfClient.run(c, bytes, 0).get(300, TimeUnit.SECONDS).uploadMbps(),
        () -> PerfClient.run(c, 0, bytes).get(300, TimeUnit.SECONDS).downloadMbps());
  }

  private void jsPerf(String label, JsPeerProcess js, String peer, String addr, LongSupplier cpu)
      throws Exception {
    js.command("{\"cmd\":\"dial\",\"addr\":\"" + addr + "\"", 10_000);
    perfCommand(js, peer, WARM_UP, WARM_UP);
    perfRuns(label, cpu,
        () -> JsPeerProcess.number(perfCommand(js, peer, bytes, 0), "uploadMbps"),
        () -> JsPeerProcess.number(perfCommand(js, peer, 0, bytes), "downloadMbps"));
  }

  /** One perf transfer of {@code bytes}; returns the client's Mbit/s. */
  private interface Transfer {
    double mbps() throws Exception;
  }

  /** {@code runs} uploads and downloads, alternating; throughput and CPU of both ends. */
  private void perfRuns(String label, LongSupplier cpu, Transfer upload, Transfer download)
      throws Exception {
    Samples up = new Samples();
    Samples down = new Samples();
    Samples upCpu = new Samples();
    Samples downCpu = new Samples();
    for (int i = 0; i < runs; i++) {
      measure(upload, cpu, up, upCpu);
      measure(download, cpu, down, downCpu);
    }
    report(label + " perf", "upload", up);
    report(label + " perf", "download", down);
    reportCpu(label + " perf upload", upCpu);
    reportCpu(label + " perf download", downCpu);
  }

  private void measure(Transfer transfer, LongSupplier cpu, Samples mbps, Samples cpuPerGib)
      throws Exception {
    long before = cpu.getAsLong();
    mbps.add(transfer.mbps());
    cpuPerGib.add(ProcessCpu.msPerGib(cpu.getAsLong() - before, bytes));
  }

  private static void reportCpu(String what, Samples msPerGib) {
    System.out.printf("| %s, CPU of both ends | %.0f ms/GiB | runs %s |%n", what,
        msPerGib.median(), msPerGib);
  }

  private static String perfCommand(JsPeerProcess js, String peer, long up, long down)
      throws Exception {
    return js.command("{\"cmd\":\"perf\",\"peer\":\"" + peer + "\",\"upload\":" + up
        + ",\"download\":" + down, 300_000);
  }

  /** A new connection each time (the previous one closed), then one 1-byte perf exchange. */
  private void javaDials(String label, Host client, Multiaddr target) throws Exception {
    Samples millis = new Samples();
    for (int i = -5; i < dials; i++) {
      client.connectionManager().find(PeerId.of(target).orElseThrow())
          .ifPresent(c -> c.close().join());
      long start = System.nanoTime();
      Connection c = client.dial(target).get(10, TimeUnit.SECONDS);
      PerfClient.run(c, 1, 1).get(10, TimeUnit.SECONDS);
      if (i >= 0) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    System.out.printf("| %s connection setup + 1-byte perf, n=%d | p50 %.1f ms, p95 %.1f ms |%n",
        label, dials, millis.percentile(50), millis.percentile(95));
  }

  private void jsDials(String label, JsPeerProcess js, String addr) throws Exception {
    String reply = js.command("{\"cmd\":\"dialLatency\",\"addr\":\"" + addr + "\",\"n\":" + dials,
        10_000L * dials);
    System.out.printf("| %s connection setup + 1-byte perf, n=%d | p50 %.1f ms, p95 %.1f ms |%n",
        label, dials, JsPeerProcess.number(reply, "p50Ms"), JsPeerProcess.number(reply, "p95Ms"));
  }

  static double mbps(long bytes, double seconds) {
    return bytes * 8 / seconds / 1e6;
  }

  private static void report(String what, String direction, Samples mbps) {
    System.out.printf("| %s %s | %.0f Mbit/s | runs %s |%n", what, direction, mbps.median(), mbps);
  }
}
