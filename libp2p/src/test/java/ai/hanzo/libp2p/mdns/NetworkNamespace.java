package ai.hanzo.libp2p.mdns;

import static ai.hanzo.testing.HostCommands.output;
import static ai.hanzo.testing.HostCommands.run;

import ai.hanzo.testing.HostCommands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A named network namespace ({@code ip netns}) with only a loopback interface, up and multicast-capable with
 * 224.0.0.0/4 routed to it, so mDNS traffic never leaves it. Processes started with {@link #launcher()} in front of
 * their command line run inside. Needs root and iproute2.
 */
final class NetworkNamespace implements AutoCloseable {
  private static final String PREFIX = "hanzo-mdns-";
  private final String name;

  private NetworkNamespace(String name) {
    this.name = name;
  }

  /** A new namespace; skips the test when this machine cannot make one, but fails it on CI (CI=true). */
  static NetworkNamespace createOrSkip() throws IOException, InterruptedException {
    removeLeftovers();
    String name = PREFIX + ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current()
        .nextInt(0x1000, 0x10000));
    Optional<String> failure = run(List.of("ip", "netns", "add", name));
    if (failure.isPresent()) {
      String why = "cannot create a network namespace (needs root and iproute2): " + failure.get();
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort("skipping mDNS in a network namespace: " + why);
    }
    NetworkNamespace ns = new NetworkNamespace(name);
    try {
      ns.inside("ip", "link", "set", "lo", "up");
      ns.inside("ip", "link", "set", "lo", "multicast", "on");
      ns.inside("ip", "route", "add", "224.0.0.0/4", "dev", "lo");
      String links = output(ns.command("ip", "-o", "link"));
      if (links.lines().count() != 1 || !links.contains(" lo:")) {
        throw new IllegalStateException("namespace " + name + " is not loopback-only: " + links);
      }
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** Put in front of a command line to run it inside. */
  List<String> launcher() {
    return List.of("ip", "netns", "exec", name);
  }

  String name() {
    return name;
  }

  private void inside(String... command) throws IOException, InterruptedException {
    HostCommands.must(command(command));
  }

  private List<String> command(String... command) {
    List<String> full = new ArrayList<>(launcher());
    full.addAll(List.of(command));
    return full;
  }

  @Override
  public void close() {
    try {
      run(List.of("ip", "netns", "delete", name));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Namespaces of test JVMs that died before closing theirs. */
  private static void removeLeftovers() throws InterruptedException {
    try {
      for (String line : output(List.of("ip", "netns", "list")).lines().toList()) {
        String ns = line.split(" ")[0];
        if (ns.startsWith(PREFIX)) {
          long pid = Long.parseLong(ns.substring(PREFIX.length()).split("-")[0]);
          if (ProcessHandle.of(pid).isEmpty()) {
            run(List.of("ip", "netns", "delete", ns));
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No iproute2, or a name not ours: createOrSkip reports what matters.
    }
  }
}
