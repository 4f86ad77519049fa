package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.LogStreams;
import ai.hanzo.node.api.endpoint.MessageSink;
import ai.hanzo.node.api.endpoint.StreamHandle;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.p2p.placement.LogsCall;
import ai.hanzo.node.p2p.placement.LogsService;
import ai.hanzo.node.p2p.placement.LogsSink;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The logs of deployments other nodes placed here, for their callers ({@code /hanzo/deploy-logs/1.0.0}): read from
 * this node's own engine in the original caller's org only, never forwarded further. With IAM on, the sending peer
 * is the principal {@code peer:<PeerId>} and needs {@code logs:read}, as a local caller of GetLogs does. Every call
 * is audited as {@code p2p:deploy} with {@code call=logs}, like the other calls placing nodes make here.
 */
final class NetworkLogsService implements LogsService {
  private static final Permission LOGS_READ = Permission.of("logs", "read");

  private final LogStreams logs;
  private final PeerCallGuard guard;

  NetworkLogsService(LogStreams logs, PeerCallGuard guard) {
    this.logs = logs;
    this.guard = guard;
  }

  @Override
  public AutoCloseable open(String peerId, LogsCall call, LogsSink sink) {
    GetLogsRequest request;
    try {
      request = GetLogsRequest.parseFrom(call.request());
    } catch (InvalidProtocolBufferException e) {
      return refuse(peerId, call, "", sink, ErrorCode.INVALID_ARGUMENT, "not a GetLogsRequest: " + e.getMessage());
    }
    String id = request.getDeploymentId();
    String denial = guard.denial(peerId, LOGS_READ, "read logs");
    if (denial != null) {
      return refuse(peerId, call, id, sink, ErrorCode.PERMISSION_DENIED, denial);
    }
    Tenant tenant = Tenant.of(call.callerOrg().isEmpty() ? null : call.callerOrg());
    Entries entries = new Entries(sink);
    StreamHandle handle;
    try {
      handle = logs.openAs(tenant, request, entries);
    } catch (NodeException e) {
      return refuse(peerId, call, id, sink, e.code(), e.getMessage());
    }
    sink.onReady(handle::onReady);
    guard.record(peerId, caller(call), "logs", id, "OK", request.getFollow() ? "following" : "tail");
    // A producer that found the stream not ready while it opened may have missed the change: nudge it once.
    handle.onReady();
    return handle::cancel;
  }

  private AutoCloseable refuse(String peerId, LogsCall call, String id, LogsSink sink, ErrorCode code, String why) {
    guard.refused(peerId, caller(call), "logs", id, code, why);
    sink.fail(code, why);
    return () -> { };
  }

  private static PeerCallGuard.Caller caller(LogsCall call) {
    return new PeerCallGuard.Caller(call.callerSubject(), call.callerOrg());
  }

  /** The engine's entries, serialized onto the stream to the placing node. */
  private record Entries(LogsSink sink) implements MessageSink<LogEntry> {
    @Override
    public boolean isReady() {
      return sink.isReady();
    }

    @Override
    public void next(LogEntry message) {
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
