package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.placement.LogsSink;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;

/**
 * The log entries a target streams for a deployment this node placed there, handed to this node's own caller. The
 * caller's stream's readiness is the target's: while it is full the client reads nothing more from the target.
 */
final class RemoteLogs implements LogsSink {
  private final MessageSink<LogEntry> sink;
  private final String nodeId;
  private volatile Runnable whenReady;

  RemoteLogs(MessageSink<LogEntry> sink, String nodeId) {
    this.sink = sink;
    this.nodeId = nodeId;
  }

  /** The caller's stream has room again. */
  void ready() {
    Runnable r = whenReady;
    if (r != null) {
      r.run();
    }
  }

  @Override
  public boolean isReady() {
    return sink.isReady();
  }

  @Override
  public void onReady(Runnable callback) {
    whenReady = callback;
  }

  @Override
  public void next(byte[] entry) {
    try {
      sink.next(LogEntry.parseFrom(entry));
    } catch (InvalidProtocolBufferException e) {
      // The codec checked it already; a target that still gets here sent something else.
      sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "node " + nodeId + " sent an unreadable log entry"));
    }
  }

  @Override
  public void complete() {
    sink.complete();
  }

  @Override
  public void fail(ErrorCode code, String message) {
    sink.fail(new NodeException(code, "node " + nodeId + ": " + message, Map.of("node_id", nodeId)));
  }
}
