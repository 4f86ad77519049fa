package ai.hanzo.node.p2p.inference;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the target of {@code /hanzo/inference/1.0.0} does with a request: authorizes the sending peer, audits the
 * call and generates with its own model server (never forwarding further). Implemented by the composition root.
 */
public interface InferenceService {
  /** This node's id, named in {@link RemoteReply.Accepted}. */
  String nodeId();

  /**
   * Starts the generation, or refuses it by throwing a {@link ai.hanzo.node.error.NodeException} (PERMISSION_DENIED,
   * NOT_FOUND, RESOURCE_EXHAUSTED, ...). Blocking (may load the model): called on the server's own executor.
   *
   * @param peerId the sending peer, as the Noise handshake authenticated it
   * @param tokens receives each piece of text as it is generated (only consulted when {@code call.stream()})
   */
  Running start(String peerId, RemoteCall call, Consumer<String> tokens);

  /** A generation that was accepted. */
  interface Running {
    /** Completes with the end of the generation; fails with a NodeException. */
    CompletableFuture<RemoteReply.Done> done();

    /** Stops the generation (the caller went away); safe to call more than once and from any thread. */
    void cancel();
  }
}
