package ai.hanzo.node.api.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * A gRPC request message that is not valid protobuf (or a proto3 string that is not UTF-8) is the caller's error:
 * INVALID_ARGUMENT, not the INTERNAL that gRPC's marshaller reports. Anything else falls through to Armeria's
 * default mapping.
 */
public final class MalformedMessages implements GrpcExceptionHandlerFunction {
  @Override
  public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof InvalidProtocolBufferException e) {
        metadata.put(ErrorMapper.CODE_KEY, ai.hanzo.node.error.ErrorCode.INVALID_ARGUMENT.name());
        return Status.INVALID_ARGUMENT.withDescription("the request message is not valid protobuf: "
            + e.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
