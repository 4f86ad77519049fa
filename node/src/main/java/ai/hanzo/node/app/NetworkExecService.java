package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.ExecCall;
import ai.hanzo.node.api.endpoint.ExecStreams;
import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.p2p.placement.ExecService;
import ai.hanzo.node.p2p.placement.ExecSink;
import ai.hanzo.node.p2p.placement.ExecStart;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Exec sessions other nodes open here for their callers ({@code /hanzo/deploy-exec/1.0.0}): run in this node's own
 * containers in the original caller's org only (another org's container is NOT_FOUND, as for a local caller), never
 * forwarded further. With IAM on, the sending peer is the principal {@code peer:<PeerId>} and needs
 * {@code container:execute}, as a local caller of ExecInContainer does. Every session is audited as
 * {@code p2p:deploy} with {@code call=exec}, like the other calls placing nodes make here.
 */
final class NetworkExecService implements ExecService {
  private static final Permission CONTAINER_EXECUTE = Permission.of("container", "execute");

  private final ExecStreams exec;
  private final PeerCallGuard guard;

  NetworkExecService(ExecStreams exec, PeerCallGuard guard) {
    this.exec = exec;
    this.guard = guard;
  }

  @Override
  public Session open(String peerId, ExecStart start, ExecSink sink) {
    ExecInput first;
    try {
      first = ExecInput.parseFrom(start.execInput());
    } catch (InvalidProtocolBufferException e) {
      return refuse(peerId, start, "", sink, ErrorCode.INVALID_ARGUMENT, "not an ExecInput: " + e.getMessage());
    }
    String container = first.getContainerId();
    String denial = guard.denial(peerId, CONTAINER_EXECUTE, "exec");
    if (denial != null) {
      return refuse(peerId, start, container, sink, ErrorCode.PERMISSION_DENIED, denial);
    }
    Tenant tenant = Tenant.of(start.callerOrg().isEmpty() ? null : start.callerOrg());
    Outputs outputs = new Outputs(sink);
    ExecCall call;
    try {
      call = exec.openAs(tenant, first, outputs);
    } catch (NodeException e) {
      return refuse(peerId, start, container, sink, e.code(), e.getMessage());
    }
    guard.record(peerId, caller(start), "exec", container, "OK", String.join(" ", first.getCommandList()));
    // Output that found the stream full while the command started may have missed the change: nudge it once.
    call.onReady();
    return new Session() {
      @Override
      public void stdin(byte[] data) {
        call.input(ExecInput.newBuilder().setStdin(com.google.protobuf.ByteString.copyFrom(data)).build());
      }

      @Override
      public void resize(int rows, int cols) {
        call.input(ExecInput.newBuilder().setResize(ai.hanzo.node.api.v1.TerminalSize.newBuilder().setRows(rows)
            .setCols(cols)).build());
      }

      @Override
      public void endOfInput() {
        call.endOfInput();
      }

      @Override
      public void onReady() {
        call.onReady();
      }

      @Override
      public void close() {
        call.cancel();
      }
    };
  }

  private Session refuse(String peerId, ExecStart start, String container, ExecSink sink, ErrorCode code,
      String why) {
    guard.refused(peerId, caller(start), "exec", container, code, why);
    sink.fail(code, why);
    return null;
  }

  private static PeerCallGuard.Caller caller(ExecStart start) {
    return new PeerCallGuard.Caller(start.callerSubject(), start.callerOrg());
  }

  /** The command's output, serialized onto the stream to the placing node. */
  private record Outputs(ExecSink sink) implements MessageSink<ExecOutput> {
    @Override
    public boolean isReady() {
      return sink.isReady();
    }

    @Override
    public void next(ExecOutput message) {
      sink.next(message.toByteArray());
    }

    @Override
    public void complete() {
      sink.complete();
    }

    @Override
    public void fail(NodeException error) {
      sink.fail(error.code(), error.getMessage());
    }
  }
}
