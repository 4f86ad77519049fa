package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ContainerService;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.placement.ExecService;
import ai.hanzo.node.p2p.placement.ExecSink;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;

/**
 * An exec running on the node this node placed the container's deployment on, seen by the local transports as any
 * exec: the target's serialized outputs go into the caller's {@link ExecOutputPump} (read from the target only while
 * the caller has room), the caller's stdin, end of input and cancellation go to the libp2p session. Errors from the
 * target name its node ({@code node <id>: ...}, {@code node_id} in the details).
 */
final class RemoteExec {
  private RemoteExec() {}

  /** The target's output, into the caller's pump. */
  static ExecSink into(ExecOutputPump pump, String nodeId) {
    return new ExecSink() {
      @Override
      public boolean isReady() {
        return pump.isReady();
      }

      @Override
      public void whenReady(Runnable callback) {
        pump.whenReady(callback);
      }

      @Override
      public void next(byte[] output) {
        ExecOutput o;
        try {
          o = ExecOutput.parseFrom(output);
        } catch (InvalidProtocolBufferException e) {
          // The codec checked it already; a target that got past it still ends nothing but this stream.
          fail(ErrorCode.UNAVAILABLE, "an unreadable exec output");
          return;
        }
        pump.next(new ExecChunk(o.getStdout().toByteArray(), o.getStderr().toByteArray(), o.getExitCode(),
            o.getDone()));
      }

      @Override
      public void complete() {
        pump.complete();
      }

      @Override
      public void fail(ErrorCode code, String message) {
        pump.fail(new NodeException(code, "node " + nodeId + ": " + message, Map.of("node_id", nodeId)));
      }
    };
  }

  /** The caller's side of the session, as the local transports drive an exec. */
  static ContainerService.ExecSession driving(ExecService.Session session) {
    return new ContainerService.ExecSession() {
      @Override
      public void stdin(byte[] data) {
        session.stdin(data);
      }

      @Override
      public void resize(int rows, int cols) {
        session.resize(rows, cols);
      }

      @Override
      public void closeStdin() {
        session.endOfInput();
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }
}
