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

  /**
   * Starts computing the embeddings of {@code call}'s inputs with this node's own model server (L2-normalised, as
   * it answers its own clients), or refuses by throwing as {@link #start} does. Blocking: called on the server's
   * executor. The answer's {@link Running#done} is a {@link RemoteReply.Embedded} with one vector per input.
   */
  Running embed(String peerId, RemoteEmbedCall call);

  /** A generation (or embeddings batch) that was accepted. */
  interface Running {
    /** Completes with the last reply ({@link RemoteReply.Done} or {@link RemoteReply.Embedded}); fails with a NodeException. */
    CompletableFuture<? extends RemoteReply> done();

    /** Stops the generation (the caller went away); safe to call more than once and from any thread. */
    void cancel();
  }
}
