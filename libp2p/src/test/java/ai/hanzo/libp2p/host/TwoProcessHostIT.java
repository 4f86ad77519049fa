package ai.hanzo.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.protocol.echo.EchoClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our host against {@link HostChildMain} in another JVM: each dials the other. */
class TwoProcessHostIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void hostsInTwoProcessesTalkBothWays() throws Exception {
    Path stderr = Files.createTempFile("host-child", ".stderr");
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HostChildMain.class.getName()))
        .redirectError(stderr.toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> pump(child, lines), "host-child-stdout");
    reader.setDaemon(true);
    reader.start();
    try (Host host = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()))) {
      Multiaddr ours = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      Multiaddr theirs = Multiaddr.parse(awaitLine(lines, "LISTENING ", stderr).substring(10));
      PeerId childPeer = PeerId.of(theirs).orElseThrow();

      Connection c = host.dial(theirs).get(10, TimeUnit.SECONDS);
      assertThat(EchoClient.echo(c, new byte[] {1, 2, 3}).get(10, TimeUnit.SECONDS))
          .containsExactly(1, 2, 3);
      assertThat(PerfClient.run(c, 8 << 20, 8 << 20).get(30, TimeUnit.SECONDS).downloadBytes())
          .isEqualTo(8 << 20);
      await().atMost(Duration.ofSeconds(10)).until(() -> host.peerStore().get(childPeer)
          .map(p -> p.agentVersion().equals("child/1")).orElse(false));

      host.connectionManager().find(childPeer).orElseThrow().close().get(5, TimeUnit.SECONDS);
      Writer stdin = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
      stdin.write("dial " + ours + "/p2p/" + host.peerId() + "\n");
      stdin.flush();
      String result = awaitLine(lines, "RESULT ", stderr);
      assertThat(result).contains("peer=" + host.peerId(), "echo=true", "up=8388608",
          "down=8388608");

      stdin.close();
      assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> host.connectionManager().size() == 0);
    } finally {
      child.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix, Path stderr)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("child printed no " + prefix + "line; stderr: "
            + Files.readString(stderr));
      }
      if (line.startsWith("FAILED")) {
        throw new AssertionError("child: " + line);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private static void pump(Process child, BlockingQueue<String> lines) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child is gone; awaitLine times out with its stderr
    }
  }
}
