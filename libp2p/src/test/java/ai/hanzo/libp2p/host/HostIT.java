package ai.hanzo.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.protocol.echo.EchoClient;
import ai.hanzo.libp2p.host.protocol.echo.EchoHandler;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyService;
import ai.hanzo.libp2p.host.protocol.perf.PerfClient;
import ai.hanzo.libp2p.host.protocol.perf.PerfResult;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multistream.MultistreamMessages;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two hosts in one JVM over real loopback TCP, Noise and Yamux. */
class HostIT {
  private Host server;
  private Host client;
  private Multiaddr serverAddress;

  @BeforeEach
  void start() throws Exception {
    server = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withAgentVersion("server/1"));
    client = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()).withAgentVersion("client/1"));
    serverAddress = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Multiaddr serverP2p() {
    return serverAddress.encapsulate("/p2p/" + server.peerId());
  }

  @Test
  void dialsIdentifiesAndServesProtocols() throws Exception {
    Connection c = client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    assertThat(c.remotePeer()).isEqualTo(server.peerId());
    assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(serverAddress.toString()).doesNotEndWith("/tcp/0");

    await().atMost(Duration.ofSeconds(5)).until(() ->
        client.peerStore().get(server.peerId()).map(p -> p.agentVersion().equals("server/1"))
            .orElse(false)
        && server.peerStore().get(client.peerId()).map(p -> p.agentVersion().equals("client/1"))
            .orElse(false));
    PeerInfo seen = client.peerStore().get(server.peerId()).orElseThrow();
    assertThat(seen.protocols()).contains(IdentifyService.ID, "/ipfs/ping/1.0.0", "/perf/1.0.0");
    assertThat(seen.addresses()).contains(serverAddress);
    assertThat(seen.key()).contains(c.remotePublicKey());

    assertThat(client.ping(server.peerId()).get(5, TimeUnit.SECONDS)).isPositive();
    byte[] echoed = EchoClient.echo(c, "hello".getBytes(StandardCharsets.UTF_8))
        .get(5, TimeUnit.SECONDS);
    assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("hello");

    PerfResult perf = PerfClient.run(c, 1 << 20, 3 << 20).get(20, TimeUnit.SECONDS);
    assertThat(perf.downloadBytes()).isEqualTo(3 << 20);
  }

  @Test
  void identifyPushTellsConnectedPeersAboutNewProtocols() throws Exception {
    client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        server.peerStore().protocols(client.peerId()).contains(IdentifyService.PUSH_ID)
        && client.peerStore().protocols(server.peerId()).contains(IdentifyService.PUSH_ID));
    client.addProtocolHandler("/test/new/1.0.0", EchoHandler::new);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        server.peerStore().protocols(client.peerId()).contains("/test/new/1.0.0"));
  }

  @Test
  void manyParallelStreams() throws Exception {
    Connection c = client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    List<CompletableFuture<byte[]>> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      replies.add(EchoClient.echo(c, ("stream " + i).getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 0; i < 100; i++) {
      assertThat(new String(replies.get(i).get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
          .isEqualTo("stream " + i);
    }
  }

  @Test
  void perfServerReassemblesASplitCountAndResetsOnAnEarlyEof() throws Exception {
    Connection c = client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    MuxedStream split = c.newStream(PerfClient.ID).get(5, TimeUnit.SECONDS);
    CompletableFuture<Long> received = new CompletableFuture<>();
    split.setHandler(new StreamHandler() {
      private long count;

      @Override
      public void onData(MuxedStream stream, ByteBuf data) {
        count += data.readableBytes();
        data.release();
      }

      @Override
      public void onRemoteClose(MuxedStream stream) {
        received.complete(count);
      }
    });
    byte[] count = ByteBuffer.allocate(8).putLong(100_000).array();
    split.write(Unpooled.wrappedBuffer(count, 0, 3));
    split.write(Unpooled.wrappedBuffer(count, 3, 5));
    split.closeWrite();
    assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(100_000L);

    MuxedStream early = c.newStream(PerfClient.ID).get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> reset = new CompletableFuture<>();
    early.setHandler(new StreamHandler() {
      @Override
      public void onData(MuxedStream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onReset(MuxedStream stream) {
        reset.complete(null);
      }
    });
    early.write(Unpooled.wrappedBuffer(count, 0, 3));
    early.closeWrite();
    reset.get(5, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isTrue();
  }

  @Test
  void simultaneousDialsLeaveBothSidesWithTheSameSingleConnection() throws Exception {
    Multiaddr clientAddress = client.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))
        .get(5, TimeUnit.SECONDS).encapsulate("/p2p/" + client.peerId());
    CompletableFuture<Connection> one = client.dial(serverP2p());
    CompletableFuture<Connection> other = server.dial(clientAddress);
    CompletableFuture.allOf(one, other).get(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).until(() -> client.connectionManager().size() == 1
        && server.connectionManager().size() == 1
        && client.connectionManager().connections().get(0).isOpen()
        && server.connectionManager().connections().get(0).isOpen());
    Connection ours = client.connectionManager().connections().get(0);
    Connection theirs = server.connectionManager().connections().get(0);
    assertThat(ours.localAddress()).isEqualTo(theirs.remoteAddress());
    assertThat(ours.remoteAddress()).isEqualTo(theirs.localAddress());
    assertThat(client.ping(server.peerId()).get(5, TimeUnit.SECONDS)).isPositive();
  }

  @Test
  void wrongExpectedPeerFailsCleanly() {
    PeerId someoneElse = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    Multiaddr wrong = serverAddress.encapsulate("/p2p/" + someoneElse);
    assertThatThrownBy(() -> client.dial(wrong).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("expected " + someoneElse);
    assertThat(client.connectionManager().size()).isZero();
  }

  @Test
  void aPeerStallingMidHandshakeIsDroppedAfterTheUpgradeTimeout() throws Exception {
    Duration quick = Duration.ofMillis(300);
    try (Host impatient = new Host(HostConfig.defaults(Ed25519PrivateKey.generate())
            .withTimeouts(quick, quick, quick));
        Socket stalling = new Socket()) {
      Multiaddr at = impatient.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))
          .get(5, TimeUnit.SECONDS);
      stalling.connect(at.toInetSocketAddress(), 5_000);
      stalling.setSoTimeout(10_000);
      // agree on /noise, then send half of a Noise message and stall
      stalling.getOutputStream().write(MultistreamMessages.encode(
          "/multistream/1.0.0", "/noise"));
      stalling.getOutputStream().write(new byte[] {0, 32, 1, 2, 3});
      InputStream in = stalling.getInputStream();
      int read;
      do {
        read = in.read();
      } while (read >= 0);
      assertThat(read).isEqualTo(-1);
      assertThat(impatient.connectionManager().size()).isZero();
    }
  }

  @Test
  void unknownProtocolIsRefused() throws Exception {
    Connection c = client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    CompletableFuture<MuxedStream> stream = c.newStream("/nobody/1.0.0");
    assertThatThrownBy(() -> stream.get(5, TimeUnit.SECONDS))
        .hasMessageContaining("none of [/nobody/1.0.0]");
    assertThat(c.isOpen()).isTrue();
  }

  @Test
  void closingTheHostDisconnectsThePeer() throws Exception {
    CompletableFuture<Connection> gone = new CompletableFuture<>();
    server.addListener(new HostListener() {
      @Override
      public void disconnected(Connection connection) {
        gone.complete(connection);
      }
    });
    client.dial(serverP2p()).get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionManager().size() == 1);
    client.close();
    assertThat(gone.get(5, TimeUnit.SECONDS).remotePeer()).isEqualTo(client.peerId());
  }
}
