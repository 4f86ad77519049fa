package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.FieldRules;
import ai.hanzo.node.error.NodeException;
import com.google.protobuf.MessageOrBuilder;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Holds every inbound gRPC message, unary or streamed, to the {@link FieldRules} before a service sees it: a
 * message that breaks one ends the call with INVALID_ARGUMENT naming the field, and the service never runs.
 */
public final class FieldRulesInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        if (message instanceof MessageOrBuilder m) {
          try {
            FieldRules.check(m);
          } catch (NodeException e) {
            refused = true;
            StatusRuntimeException status = ErrorMapper.toStatus(e);
            call.close(status.getStatus(), status.getTrailers());
            return;
          }
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }
}
