package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.kad.AddressFilter;
import ai.hanzo.libp2p.kad.KadConfig;
import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.GossipsubConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and CPU of one node per connected peer at idle: {@link IdlePeerSubject} runs in a child JVM; this JVM
 * connects peers to it (each with Gossipsub on the same topic, a DHT server, Identify and the 15 s ping) and
 * measures the child with no peers, then with each peer count: heap after GC, RSS, and its CPU time over a window
 * after the peers settled. Per-peer figures are the growth over the no-peer baseline divided by the peer count.
 * Usage: {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.libp2p.IdlePeerCostBench [window seconds]
 * [peer counts...]}, by default 60 s with 50 and 100 peers.
 */
public final class IdlePeerCostBench {
  private static final Pattern STATS = Pattern.compile(
      "heap=(\\d+) rss=(\\d+) connections=(\\d+) mesh=(\\d+) topicPeers=(\\d+)");
  private static final long SETTLE_SECONDS = 20;

  private final Process subject;
  private final BufferedReader out;
  private final Writer in;
  private final List<AutoCloseable> peers = new ArrayList<>();

  private IdlePeerCostBench(Process subject) {
    this.subject = subject;
    this.out = new BufferedReader(new InputStreamReader(subject.getInputStream(), StandardCharsets.UTF_8));
    this.in = new java.io.OutputStreamWriter(subject.getOutputStream(), StandardCharsets.UTF_8);
  }

  record Measure(int peers, long heap, long rssKib, double cpuPercent, int mesh) {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int window = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<Integer> counts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      counts.add(Integer.parseInt(args[i]));
    }
    if (counts.isEmpty()) {
      counts = List.of(50, 100);
    }
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), IdlePeerSubject.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    IdlePeerCostBench bench = new IdlePeerCostBench(child);
    try {
      bench.run(window, counts);
    } finally {
      bench.close();
    }
  }

  private void run(int window, List<Integer> counts) throws Exception {
    Multiaddr at = Multiaddr.parse(reply("listening ").substring("listening ".length()));
    System.out.printf("Idle cost per connected peer: one node (child JVM, default heap) with Gossipsub + DHT server"
        + " + Identify + ping every 15 s; %d s windows, %d s settling; JDK %s, %d cores, load average %.2f%n",
        window, SETTLE_SECONDS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("| peers | mesh | heap after GC MiB | RSS MiB | CPU % of a core | heap per peer KiB"
        + " | RSS per peer KiB | CPU % per peer |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    Measure base = measure(0, window);
    print(base, base);
    for (int target : counts) {
      while (peers.size() < target) {
        addPeer(at);
      }
      awaitConnections(target);
      print(measure(target, window), base);
    }
    System.out.printf("load average at the end %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private void addPeer(Multiaddr subjectAddress) throws Exception {
    Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withIoThreads(1));
    Gossipsub gossip = Gossipsub.start(host, GossipsubConfig.defaults());
    KadDht dht = new KadDht(host, KadConfig.defaults().withAddressFilter(AddressFilter.PASSTHROUGH),
        Clock.systemUTC());
    peers.add(() -> {
      dht.close();
      gossip.close();
      host.close();
    });
    gossip.subscribe(IdlePeerSubject.TOPIC, m -> { }).get(10, TimeUnit.SECONDS);
    dht.start();
    host.dial(subjectAddress).get(10, TimeUnit.SECONDS);
  }

  private void awaitConnections(int target) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Matcher m = stats();
      if (Integer.parseInt(m.group(3)) == target && Integer.parseInt(m.group(5)) == target) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("subject has " + m.group(0) + ", wanted " + target + " peers");
      }
      TimeUnit.SECONDS.sleep(1);
    }
  }

  private Measure measure(int count, int window) throws Exception {
    TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
    long cpuStart = cpu();
    long start = System.nanoTime();
    TimeUnit.SECONDS.sleep(window);
    double cpu = (cpu() - cpuStart) * 100.0 / (System.nanoTime() - start);
    Matcher m = stats();
    return new Measure(count, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), cpu,
        Integer.parseInt(m.group(4)));
  }

  private static void print(Measure m, Measure base) {
    int n = Math.max(1, m.peers());
    boolean any = m.peers() > 0;
    System.out.printf("| %d | %d | %.1f | %.1f | %.2f | %s | %s | %s |%n", m.peers(), m.mesh(), m.heap() / 1048576.0,
        m.rssKib() / 1024.0, m.cpuPercent(),
        any ? String.format("%.1f", (m.heap() - base.heap()) / 1024.0 / n) : "-",
        any ? String.format("%.1f", (m.rssKib() - base.rssKib()) / (double) n) : "-",
        any ? String.format("%.4f", (m.cpuPercent() - base.cpuPercent()) / n) : "-");
  }

  private long cpu() throws Exception {
    String reply = ask("cpu");
    return Long.parseLong(reply.substring("cpu ".length()));
  }

  private Matcher stats() throws Exception {
    Matcher m = STATS.matcher(ask("stats"));
    if (!m.find()) {
      throw new IllegalStateException("unexpected stats line");
    }
    return m;
  }

  private String ask(String command) throws Exception {
    in.write(command + "\n");
    in.flush();
    return reply(command + " ");
  }

  /** The subject's next line starting with {@code prefix}; its log lines share stdout and are skipped. */
  private String reply(String prefix) throws Exception {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("subject exited before answering " + prefix.strip());
  }

  private void close() throws Exception {
    for (AutoCloseable peer : peers) {
      peer.close();
    }
    in.close();
    if (!subject.waitFor(10, TimeUnit.SECONDS)) {
      subject.destroyForcibly();
    }
  }
}
