package ai.hanzo.node.p2p.inference;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.protocol.InboundRequest;
import ai.hanzo.node.p2p.protocol.ProtocolServer;
import ai.hanzo.node.p2p.protocol.ServedProtocol;
import ai.hanzo.node.p2p.protocol.ServerLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's end of {@code /hanzo/inference/1.0.0}: one request per stream, read on the event loop and started
 * on a bounded executor of its own (starting may load a model), at most {@link InferenceLimits#MAX_PER_PEER} per
 * sending peer. Tokens produced before the accepted reply is written are held and sent after it, so the caller
 * always reads accepted first. A stream reset by the caller cancels its generation. An embeddings call is served
 * the same way: accepted, then one embeddings reply (or a failure).
 */
public final class InferenceServer implements ServedProtocol.Server {
  private static final Logger log = LoggerFactory.getLogger(InferenceServer.class);
  private static final ServerLimits LIMITS = new ServerLimits("p2p-inference", 4, 64, InferenceLimits.MAX_PER_PEER,
      InferenceLimits.MAX_MESSAGE);

  private final InferenceService service;
  private final InferenceCodec codec;
  private final ProtocolServer server;

  public InferenceServer(Host host, InferenceService service, InferenceCodec codec) {
    this.service = service;
    this.codec = codec;
    this.server = new ProtocolServer(host, InferenceLimits.PROTOCOL, LIMITS, Inbound::new);
  }

  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.close();
  }

  /** One inbound stream: its request, the generation it started, and the replies in order. */
  private final class Inbound extends InboundRequest<RemoteRequest> {
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile InferenceService.Running running;
    /** Tokens waiting for the accepted reply; null once it was written. Guarded by {@code this}. */
    private List<String> held = new ArrayList<>();

    Inbound() {
      super(LIMITS.maxMessage(), "not an inference request: ", "malformed inference request: ");
    }

    @Override
    protected RemoteRequest decode(byte[] message) throws MalformedPayloadException {
      return codec.decodeRequest(message);
    }

    @Override
    protected void received(RemoteRequest call) {
      switch (server.admit(peer(), () -> begin(call))) {
        case PEER_FULL -> {
          released.set(true);
          fail(busy("peer " + peer() + " already has " + InferenceLimits.MAX_PER_PEER
              + " generations running or waiting on this node"));
        }
        case BUSY -> {
          released.set(true);
          fail(busy("this node is starting " + LIMITS.waiting() + " forwarded generations already"));
        }
        case ADMITTED -> { }
      }
    }

    /** On the executor: authorize and start (the service may load the model), then answer. */
    private void begin(RemoteRequest call) {
      if (cancelled) {
        release();
        return;
      }
      InferenceService.Running started;
      try {
        started = call instanceof RemoteCall generation
            ? service.start(peer(), generation, generation.stream() ? this::token : text -> { })
            : service.embed(peer(), (RemoteEmbedCall) call);
      } catch (NodeException e) {
        release();
        fail(e);
        return;
      } catch (RuntimeException e) {
        release();
        log.warn("Serving a forwarded generation for {} failed: {}", peer(), e.toString());
        fail(new NodeException(ErrorCode.UNAVAILABLE, "the generation could not start: " + e.getMessage()));
        return;
      }
      running = started;
      synchronized (this) {
        reply(new RemoteReply.Accepted(service.nodeId()));
        held.forEach(text -> reply(new RemoteReply.Token(text)));
        held = null;
      }
      if (cancelled) {
        started.cancel();
      }
      started.done().whenComplete((done, failure) -> {
        release();
        if (failure != null) {
          fail(failure instanceof NodeException ne ? ne
              : failure.getCause() instanceof NodeException nc ? nc
              : new NodeException(ErrorCode.UNAVAILABLE, String.valueOf(failure.getMessage())));
        } else {
          byte[] last = codec.encodeReply(done);
          if (last.length > LIMITS.maxMessage()) {
            // The caller would refuse it as malformed: say what went wrong instead.
            fail(new NodeException(ErrorCode.UNAVAILABLE, "the answer of node " + service.nodeId() + " would be "
                + last.length + " bytes, more than the protocol's " + LIMITS.maxMessage()));
            return;
          }
          send(last);
          stream().closeWrite();
        }
      });
    }

    private synchronized void token(String text) {
      if (held != null) {
        held.add(text);
      } else {
        reply(new RemoteReply.Token(text));
      }
    }

    private void reply(RemoteReply reply) {
      send(codec.encodeReply(reply));
    }

    @Override
    protected void refuse(ErrorCode code, String message) {
      fail(new NodeException(code, message));
    }

    private void fail(NodeException e) {
      sendLast(codec.encodeReply(new RemoteReply.Failure(e.code(), e.getMessage() == null ? "" : e.getMessage(),
          e.details())));
    }

    private NodeException busy(String why) {
      return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, why + "; retry shortly",
          Map.of("retry_after_seconds", "1"));
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        server.release(peer());
      }
    }

    @Override
    protected void wasReset() {
      cancel();
    }

    @Override
    protected void ended() {
      cancel();
    }

    /** The caller went away (or the answer is complete, when this changes nothing). */
    private void cancel() {
      cancelled = true;
      InferenceService.Running r = running;
      if (r != null) {
        r.cancel();
      }
    }
  }
}
