package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.noise.NoiseConfig;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import ai.hanzo.libp2p.transport.EventLoops;
import ai.hanzo.libp2p.transport.TcpListener;
import ai.hanzo.libp2p.transport.TcpTransport;
import ai.hanzo.libp2p.transport.UpgradeConfig;
import ai.hanzo.libp2p.transport.Upgrader;
import ai.hanzo.libp2p.yamux.YamuxConfig;
import ai.hanzo.libp2p.yamux.YamuxMuxerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Heap per open stream and per open connection, after GC. Both ends live in this JVM, so each
 * figure covers the dialing and the listening side together.
 */
final class MemoryBench {
  private static final String HOLD = "/bench/hold/1.0.0";
  private static final int STREAMS = 1000;
  private static final int CONNECTIONS = 200;

  private MemoryBench() {}

  static void run() throws Exception {
    streams();
    connections();
  }

  private static void streams() throws Exception {
    YamuxConfig yamux = HostConfig.yamuxOverNoise().withStreamLimits(2 * STREAMS, 2 * STREAMS);
    try (Host server = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withYamux(yamux));
        Host client = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withYamux(yamux))) {
      server.addProtocolHandler(HOLD, () -> (stream, data) -> data.release());
      Multiaddr at = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS)
          .encapsulate("/p2p/" + server.peerId());
      Connection c = client.dial(at).get(10, TimeUnit.SECONDS);
      long before = MemoryProbe.heapAfterGc();
      List<CompletableFuture<MuxedStream>> open = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        open.add(c.newStream(HOLD));
      }
      List<MuxedStream> streams = new ArrayList<>();
      for (CompletableFuture<MuxedStream> f : open) {
        MuxedStream s = f.get(30, TimeUnit.SECONDS);
        s.setHandler((StreamHandler) (stream, data) -> data.release());
        streams.add(s);
      }
      long after = MemoryProbe.heapAfterGc();
      System.out.printf("| %d open streams on one connection (both ends) | %.1f KiB per stream |%n",
          streams.size(), (after - before) / 1024.0 / streams.size());
    }
  }

  private static void connections() throws Exception {
    ExecutorService resolver = Executors.newSingleThreadExecutor();
    try (EventLoops loops = EventLoops.create(0)) {
      TcpTransport transport = new TcpTransport(loops, Duration.ofSeconds(10), resolver);
      Upgrader server = upgrader();
      Upgrader client = upgrader();
      TcpListener listener = transport.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"),
          ch -> server.upgrade(ch, Direction.INBOUND, Optional.empty(), (c, s) -> s.reset()))
          .get(10, TimeUnit.SECONDS);
      long before = MemoryProbe.heapAfterGc();
      List<Connection> open = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        CompletableFuture<Connection> up = new CompletableFuture<>();
        transport.dial(listener.address(), ch -> client.upgrade(ch, Direction.OUTBOUND,
            Optional.empty(), (c, s) -> s.reset()).whenComplete((c, e) -> {
              if (e != null) {
                up.completeExceptionally(e);
              } else {
                up.complete(c);
              }
            })).get(10, TimeUnit.SECONDS);
        open.add(up.get(10, TimeUnit.SECONDS));
      }
      long after = MemoryProbe.heapAfterGc();
      System.out.printf("| %d open connections, Noise + Yamux (both ends) | %.1f KiB per connection |%n",
          open.size(), (after - before) / 1024.0 / open.size());
      open.forEach(c -> c.close().join());
      listener.close().join();
    } finally {
      resolver.shutdownNow();
    }
  }

  private static Upgrader upgrader() {
    return new Upgrader(new UpgradeConfig(NoiseConfig.of(Ed25519PrivateKey.generate()),
        new YamuxMuxerFactory(HostConfig.yamuxOverNoise()), Duration.ofSeconds(10),
        Duration.ofSeconds(10)));
  }
}
