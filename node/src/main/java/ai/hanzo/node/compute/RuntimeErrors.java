package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntimeException;

/** Maps runtime failures to the node's error codes, since the API must not know the runtime layer. */
public final class RuntimeErrors {
  private RuntimeErrors() {}

  public static NodeException toNode(ContainerRuntimeException e) {
    ErrorCode code = switch (e.code()) {
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case INVALID_SPEC -> ErrorCode.INVALID_ARGUMENT;
      case CONFLICT -> ErrorCode.FAILED_PRECONDITION;
      case UNAVAILABLE, IO -> ErrorCode.UNAVAILABLE;
      case TIMEOUT -> ErrorCode.DEADLINE_EXCEEDED;
    };
    return new NodeException(code, e.getMessage());
  }
}
