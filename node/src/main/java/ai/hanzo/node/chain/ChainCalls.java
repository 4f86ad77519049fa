package ai.hanzo.node.chain;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.net.URI;
import org.web3j.protocol.core.Response;

/** The mapping of RPC failures onto the node's error codes, shared by the sender and the operator service. */
final class ChainCalls {
  private ChainCalls() {}

  /** The answer, or IOException when the RPC answered a JSON-RPC error. */
  static <T extends Response<?>> T answer(T response, String what) throws IOException {
    if (response.hasError()) {
      throw new IOException(what + ": the RPC answered error " + response.getError().getCode() + ": "
          + response.getError().getMessage());
    }
    return response;
  }

  /** An RPC that cannot be reached or answers garbage: UNAVAILABLE, naming the RPC without its path. */
  static NodeException unavailable(URI rpc, Exception e) {
    return new NodeException(ErrorCode.UNAVAILABLE, "the chain RPC " + ChainFollower.redacted(rpc)
        + " does not answer properly: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
        + "; try again once it does");
  }

  static NodeException precondition(String message) {
    return new NodeException(ErrorCode.FAILED_PRECONDITION, message);
  }
}
