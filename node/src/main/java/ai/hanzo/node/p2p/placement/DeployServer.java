package ai.hanzo.node.p2p.placement;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.InboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolServer;
import ai.hanzo.node.p2p.protocol.ServedProtocol;
import ai.hanzo.node.p2p.protocol.ServerLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/deploy/1.0.0}: one call per stream, read on the event loop and handled on a
 * bounded executor of its own (deploying writes RocksDB), at most {@link DeployLimits#MAX_PER_PEER} per sending
 * peer; one answer, then the stream closes.
 */
public final class DeployServer implements ServedProtocol.Server {
  private static final Logger log = LoggerFactory.getLogger(DeployServer.class);
  private static final ServerLimits LIMITS = new ServerLimits("p2p-deploy", 2, 64, DeployLimits.MAX_PER_PEER,
      DeployLimits.MAX_MESSAGE);

  private final DeployService service;
  private final DeployCodec codec;
  private final ProtocolServer server;

  public DeployServer(Host host, DeployService service, DeployCodec codec) {
    this.service = service;
    this.codec = codec;
    this.server = new ProtocolServer(host, DeployLimits.PROTOCOL, LIMITS, Inbound::new);
  }

  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Inbound extends InboundRequest<DeployCall> {
    Inbound() {
      super(LIMITS.maxMessage(), "not a deploy call: ", "malformed deploy call: ");
    }

    @Override
    protected DeployCall decode(byte[] message) throws MalformedPayloadException {
      return codec.decodeCall(message);
    }

    @Override
    protected void received(DeployCall call) {
      String peer = peer();
      switch (server.admit(peer, () -> handle(call))) {
        case PEER_FULL -> refuse(ErrorCode.RESOURCE_EXHAUSTED, "peer " + peer + " already has "
            + DeployLimits.MAX_PER_PEER + " deploy calls waiting on this node; retry shortly");
        case BUSY -> refuse(ErrorCode.RESOURCE_EXHAUSTED, "this node has " + LIMITS.waiting()
            + " deploy calls waiting already; retry shortly");
        case ADMITTED -> { }
      }
    }

    private void handle(DeployCall call) {
      String peer = peer();
      try {
        answer(service.handle(peer, call));
      } catch (RuntimeException e) {
        log.warn("Handling a deploy call from peer {} failed: {}", peer, e.toString());
        answer(new DeployAnswer.Refused(ErrorCode.UNAVAILABLE, "the deploy call failed on this node: "
            + e.getMessage()));
      } finally {
        server.release(peer);
      }
    }

    @Override
    protected void refuse(ErrorCode code, String message) {
      answer(new DeployAnswer.Refused(code, message));
    }

    private void answer(DeployAnswer answer) {
      sendLast(codec.encodeAnswer(answer));
    }
  }
}
