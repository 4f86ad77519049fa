package ai.hanzo.node.testing;

import static ai.hanzo.testing.HostCommands.output;
import static ai.hanzo.testing.HostCommands.run;

import ai.hanzo.testing.HostCommands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Several hosts on one machine: each a network namespace ({@code ip netns}) with its own address on a /24, joined to
 * a bridge in the test's namespace by a veth pair, so the test reaches every host and the hosts reach each other, as
 * on a LAN. {@link #cut(int)} takes a host's cable out (its veth end on the bridge goes down: packets to and from it
 * are dropped, its connections hang rather than close, as in a real partition) and {@link #heal(int)} puts it back.
 * Processes started with {@link #launcher(int)} in front run in that host's network namespace only (nsenter, not
 * {@code ip netns exec}, which would also remount /sys and hide the cgroup hierarchies from the runtimes).
 *
 * <p>Needs root and iproute2: {@link #createOrSkip(int)} skips the test when the machine cannot make namespaces, but
 * fails it on CI ({@code CI=true}). Everything is named after this JVM's pid, and a later run removes what a JVM
 * that died before {@link #close()} left behind.
 */
public final class NetnsLan implements AutoCloseable {
  private static final String NS_PREFIX = "hzlan-";
  private static final String BRIDGE_PREFIX = "hzb";

  private final String tag;
  private final String subnet;
  private final List<String> namespaces = new ArrayList<>();
  private boolean bridgeMade;

  private NetnsLan(String tag, String subnet) {
    this.tag = tag;
    this.subnet = subnet;
  }

  /** {@code hosts} (1-200) namespaces on a new bridge; the test's own namespace is .254 on it. */
  public static NetnsLan createOrSkip(int hosts) throws IOException, InterruptedException {
    if (hosts < 1 || hosts > 200) {
      throw new IllegalArgumentException("hosts must be 1-200: " + hosts);
    }
    removeLeftovers();
    long pid = ProcessHandle.current().pid();
    String tag = Long.toString(pid, 36);
    // 10.213.x.0/24, x from the pid: two test JVMs at once get different subnets (and different names).
    NetnsLan lan = new NetnsLan(tag, "10.213." + (pid % 250) + ".");
    Optional<String> failure = run(List.of("ip", "link", "add", lan.bridge(), "type", "bridge"));
    if (failure.isPresent()) {
      String why = "cannot create a bridge and network namespaces (needs root and iproute2): " + failure.get();
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort("skipping a test across network namespaces: " + why);
    }
    lan.bridgeMade = true;
    try {
      lan.must("ip", "addr", "add", lan.subnet + "254/24", "dev", lan.bridge());
      lan.must("ip", "link", "set", lan.bridge(), "up");
      for (int i = 0; i < hosts; i++) {
        lan.addHost(i);
      }
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
    return lan;
  }

  private void addHost(int i) throws IOException, InterruptedException {
    String ns = NS_PREFIX + ProcessHandle.current().pid() + "-" + i;
    must("ip", "netns", "add", ns);
    namespaces.add(ns);
    String inner = "hzn" + tag + "x" + i;
    must("ip", "link", "add", hostLink(i), "type", "veth", "peer", "name", inner);
    must("ip", "link", "set", inner, "netns", ns);
    must("ip", "link", "set", hostLink(i), "master", bridge());
    must("ip", "link", "set", hostLink(i), "up");
    must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    must("ip", "netns", "exec", ns, "ip", "link", "set", inner, "name", "eth0");
    must("ip", "netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", "eth0");
    must("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
  }

  /** Put in front of a command line to run it on host {@code i}. */
  public List<String> launcher(int i) {
    return List.of("nsenter", "--net=/run/netns/" + namespaces.get(i), "--");
  }

  /** Host {@code i}'s address, reachable from the test and from the other hosts while not cut. */
  public String address(int i) {
    return subnet + (i + 1);
  }

  /** Takes host {@code i} off the network: nothing reaches it and nothing leaves it until {@link #heal(int)}. */
  public void cut(int i) throws IOException, InterruptedException {
    must("ip", "link", "set", hostLink(i), "down");
  }

  /** Puts host {@code i} back on the network. */
  public void heal(int i) throws IOException, InterruptedException {
    must("ip", "link", "set", hostLink(i), "up");
  }

  private String bridge() {
    return BRIDGE_PREFIX + tag;
  }

  private String hostLink(int i) {
    return "hzh" + tag + "x" + i;
  }

  /** Deletes the namespaces (their veth pairs go with them) and the bridge; never throws. */
  @Override
  public void close() {
    try {
      for (String ns : namespaces) {
        run(List.of("ip", "netns", "delete", ns));
      }
      if (bridgeMade) {
        run(List.of("ip", "link", "delete", bridge()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void must(String... command) throws IOException, InterruptedException {
    HostCommands.must(List.of(command));
  }

  /** Namespaces and bridges of test JVMs that died before closing theirs. */
  private static void removeLeftovers() throws InterruptedException {
    try {
      for (String line : output(List.of("ip", "netns", "list")).lines().toList()) {
        String ns = line.split(" ")[0];
        if (ns.startsWith(NS_PREFIX) && ownerDied(ns.substring(NS_PREFIX.length()).split("-")[0], 10)) {
          run(List.of("ip", "netns", "delete", ns));
        }
      }
      for (String line : output(List.of("ip", "-o", "link", "show", "type", "bridge")).lines().toList()) {
        String[] fields = line.split(":? +");
        String name = fields.length > 1 ? fields[1] : "";
        if (name.startsWith(BRIDGE_PREFIX) && ownerDied(name.substring(BRIDGE_PREFIX.length()), 36)) {
          run(List.of("ip", "link", "delete", name));
        }
      }
    } catch (IOException e) {
      // No iproute2: createOrSkip reports what matters.
    }
  }

  /** Whether {@code pid} (in {@code radix}) names a process that is gone; false for a name not ours. */
  private static boolean ownerDied(String pid, int radix) {
    try {
      return ProcessHandle.of(Long.parseLong(pid, radix)).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
