package ai.hanzo.bench.libp2p;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * js-libp2p peers (one Node.js process each, {@code interop/js-peer}) wired like {@link JavaGossipMesh}.
 * The js peer cannot report when a message arrived on a clock this JVM shares, so the driver's clock is read when
 * its reader thread gets the peer's {@code message} line: a js latency includes the publish command's trip over
 * stdin and the delivery event's trip over stdout, which {@link #stdioRoundTripMillis} measures at idle.
 */
final class JsGossipMesh implements GossipMesh {
  private static final String MESSAGE_EVENT = "{\"event\":\"message\"";
  private static final String DATA = "\"data\":\"";
  private static final Pattern MESH = Pattern.compile("\"meshPeers\":\\{\"" + TOPIC + "\":\\[([^\\]]*)\\]");

  private final List<JsPeerProcess> peers = new ArrayList<>();
  private final AtomicLong failedPublishes = new AtomicLong();

  JsGossipMesh(Path jsDir, int n, Deliveries deliveries) throws Exception {
    List<String> addresses = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        JsPeerProcess peer = new JsPeerProcess(jsDir, "--subscribe", TOPIC, "--inbound-conn-threshold", "100000");
        peers.add(peer);
        addresses.add(peer.listening()[0]);
        int self = i;
        peer.onEvent(line -> {
          long now = System.nanoTime();
          if (line.startsWith(MESSAGE_EVENT)) {
            int data = line.indexOf(DATA);
            if (data >= 0) {
              deliveries.delivered(self, line, data + DATA.length(), now);
            }
          }
        });
      }
      for (int i = 0; i < n; i++) {
        for (int step : new int[] {1, 3}) {
          peers.get(i).command("{\"cmd\":\"dial\",\"addr\":\"" + addresses.get((i + step) % n) + "\"", 10_000);
        }
      }
      awaitMesh();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void awaitMesh() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (JsPeerProcess peer : peers) {
      while (meshSize(peer.command("{\"cmd\":\"topics\"", 10_000)) < 4) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("js mesh did not form within 30 s");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  private static int meshSize(String topicsReply) {
    Matcher m = MESH.matcher(topicsReply);
    return m.find() && !m.group(1).isBlank() ? m.group(1).split(",").length : 0;
  }

  /** The median round trip of a trivial command over stdin/stdout, with the mesh idle. */
  double stdioRoundTripMillis(int samples) throws Exception {
    Samples rtt = new Samples();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      peers.get(i % peers.size()).command("{\"cmd\":\"topics\"", 10_000);
      rtt.add((System.nanoTime() - start) / 1e6);
    }
    return rtt.median();
  }

  /** Publish commands the js peer answered with an error (or not at all). */
  long failedPublishes() {
    return failedPublishes.get();
  }

  @Override
  public String name() {
    return "js mesh";
  }

  @Override
  public int size() {
    return peers.size();
  }

  @Override
  public void publish(int publisher, String data) {
    try {
      peers.get(publisher).send("{\"cmd\":\"publish\",\"topic\":\"" + TOPIC + "\",\"data\":\"" + data + "\"", 10_000)
          .orTimeout(20, TimeUnit.SECONDS)
          .whenComplete((reply, error) -> {
            if (error != null || !reply.contains("\"ok\":true")) {
              failedPublishes.incrementAndGet();
            }
          });
    } catch (java.io.IOException e) {
      failedPublishes.incrementAndGet();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (JsPeerProcess peer : peers) {
      peer.close();
    }
  }
}
