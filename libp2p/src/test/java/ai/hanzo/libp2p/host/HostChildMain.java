package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.protocol.echo.EchoClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfResult;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A host in its own JVM for {@link TwoProcessHostIT}: prints {@code LISTENING <addr>}, then runs
 * {@code dial <addr>} commands from stdin (dial, ping, echo, 8 MiB perf each way) and prints one
 * {@code RESULT} or {@code FAILED} line per command; exits when stdin ends.
 */
public final class HostChildMain {
  private HostChildMain() {}

  public static void main(String[] args) throws Exception {
    try (Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate())
        .withAgentVersion("child/1").withIoThreads(1))) {
      Multiaddr bound = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      System.out.println("LISTENING " + bound + "/p2p/" + host.peerId());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("dial ")) {
          System.out.println(exercise(host, Multiaddr.parse(line.substring(5))));
        }
      }
    }
  }

  private static String exercise(Host host, Multiaddr address) {
    try {
      // The parent has just closed the connection it dialed; let that close land here first, so this is a new
      // connection in the other direction rather than a race with the closing one.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (PeerId.of(address).flatMap(host.connectionManager()::find).isPresent()
          && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      Connection c = host.dial(address).get(10, TimeUnit.SECONDS);
      Duration rtt = host.ping(c.remotePeer()).get(10, TimeUnit.SECONDS);
      byte[] sent = "child".getBytes(StandardCharsets.UTF_8);
      boolean echoed = Arrays.equals(sent, EchoClient.echo(c, sent).get(10, TimeUnit.SECONDS));
      PerfResult perf = PerfClient.run(c, 8 << 20, 8 << 20).get(30, TimeUnit.SECONDS);
      return "RESULT peer=" + c.remotePeer() + " rttNanos=" + rtt.toNanos() + " echo=" + echoed
          + " up=" + perf.uploadBytes() + " down=" + perf.downloadBytes();
    } catch (Exception e) {
      return "FAILED " + e;
    }
  }
}
