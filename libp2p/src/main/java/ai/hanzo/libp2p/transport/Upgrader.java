package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.multistream.MultistreamHandler;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.noise.NoiseHandshakeHandler;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Turns a TCP channel into a {@link Connection}: multistream-select {@code /noise}, Noise XX,
 * multistream-select of the muxer, then the muxer.
 */
public final class Upgrader {
  public static final String NOISE = "/noise";

  private final UpgradeConfig config;

  public Upgrader(UpgradeConfig config) {
    this.config = config;
  }

  public UpgradeConfig config() {
    return config;
  }

  /**
   * Installs the upgrade on {@code channel}; call it from the channel's initializer, before the
   * channel is active or on its event loop.
   *
   * @param expectedPeer when present, a remote with another identity fails the upgrade
   * @param inbound gets each stream the remote opens, already tracked by its connection
   */
  public CompletableFuture<Connection> upgrade(Channel channel, Direction direction,
      Optional<PeerId> expectedPeer, BiConsumer<Connection, MuxedStream> inbound) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    boolean initiator = direction == Direction.OUTBOUND;
    MultistreamHandler security = initiator
        ? MultistreamHandler.dialer(List.of(NOISE), config.upgradeTimeout())
        : MultistreamHandler.listener(List.of(NOISE), config.upgradeTimeout());
    channel.pipeline().addLast(security,
        new UpgradeHandler(this, direction, expectedPeer, inbound, result));
    return result;
  }

  NoiseHandshakeHandler noiseHandler(Direction direction, Optional<PeerId> expectedPeer) {
    return direction == Direction.OUTBOUND
        ? NoiseHandshakeHandler.initiator(config.noise(), expectedPeer)
        : NoiseHandshakeHandler.responder(config.noise());
  }

  MultistreamHandler muxerNegotiation(Direction direction) {
    List<String> muxers = List.of(config.muxer().protocolId());
    return direction == Direction.OUTBOUND
        ? MultistreamHandler.dialer(muxers, config.upgradeTimeout())
        : MultistreamHandler.listener(muxers, config.upgradeTimeout());
  }
}
