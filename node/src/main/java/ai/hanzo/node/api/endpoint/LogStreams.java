package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.compute.DeploymentService;
import ai.hanzo.node.compute.DeploymentService.LogLine;
import ai.hanzo.node.compute.DeploymentService.LogQuery;
import ai.hanzo.node.compute.StreamSink;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetLogs: validates the request, then lets the compute engine push lines into the transport. Cancellation
 * closes the engine's handle, which must release every thread, file and subscription of the stream.
 */
public final class LogStreams {
  private static final Logger log = LoggerFactory.getLogger(LogStreams.class);
  public static final int MAX_TAIL = 100_000;
  /** 9999-12-31T23:59:59Z: later times are refused rather than overflowing the engine's clock arithmetic. */
  static final long MAX_SINCE_SECONDS = 253_402_300_799L;

  private final Optional<DeploymentService> deployments;
  private final Optional<DeploymentPlacer> placer;

  public LogStreams(Optional<DeploymentService> deployments) {
    this(deployments, Optional.empty());
  }

  /** @param placer reaches the deployments this node placed on other nodes; empty: only this node's */
  public LogStreams(Optional<DeploymentService> deployments, Optional<DeploymentPlacer> placer) {
    this.deployments = deployments;
    this.placer = placer;
  }

  /**
   * The logs of a deployment of this node, or of one it placed on another node (streamed from there over
   * {@code /hanzo/deploy-logs/1.0.0}), for the current request's org. Blocking: finding a placed deployment reads
   * the node's database.
   */
  public StreamHandle open(GetLogsRequest r, MessageSink<LogEntry> sink) {
    validate(r);
    Tenant tenant = OrgScope.current();
    if (placer.isPresent() && deployments.isPresent()
        && deployments.get().get(tenant, r.getDeploymentId()).isEmpty()) {
      Optional<StreamHandle> remote = placer.get().forwardLogs(tenant, r, sink);
      if (remote.isPresent()) {
        return remote.get();
      }
    }
    return openAs(tenant, r, sink);
  }

  /** The logs of a deployment of this node for {@code tenant}: never forwarded (a target's answer to a placer). */
  public StreamHandle openAs(Tenant tenant, GetLogsRequest r, MessageSink<LogEntry> sink) {
    String id = validate(r);
    DeploymentService engine = deployments.orElseThrow(() ->
        new NodeException(ErrorCode.UNIMPLEMENTED, ComputeEndpoint.NO_ENGINE));
    Adapter adapter = new Adapter(sink);
    AutoCloseable producer = engine.logs(tenant, new LogQuery(id, r.getServiceName(), r.getTail(), r.getFollow(),
        r.getSince()), adapter);
    AtomicBoolean closed = new AtomicBoolean();
    return new StreamHandle() {
      @Override
      public void onReady() {
        adapter.ready();
      }

      @Override
      public void cancel() {
        if (closed.compareAndSet(false, true)) {
          try {
            producer.close();
          } catch (Exception e) {
            log.warn("Closing the log stream of {} failed: {}", id, e.toString());
          }
        }
      }
    };
  }

  /** The request's deployment id, once every field is within its limits. */
  private static String validate(GetLogsRequest r) {
    String id = ComputeEndpoint.requireId(r.getDeploymentId(), "deployment_id");
    if (Integer.toUnsignedLong(r.getTail()) > MAX_TAIL) {
      throw NodeException.invalidField("tail", "must be at most " + MAX_TAIL + " lines");
    }
    // uint64 on the wire: a value past Long.MAX_VALUE arrives negative. Both transports end here.
    if (r.getSince() < 0 || r.getSince() > MAX_SINCE_SECONDS) {
      throw NodeException.invalidField("since", "must be Unix seconds from 0 to " + MAX_SINCE_SECONDS
          + " (the end of year 9999), was " + Long.toUnsignedString(r.getSince()));
    }
    return id;
  }

  private static final class Adapter implements StreamSink<LogLine> {
    private final MessageSink<LogEntry> sink;
    private volatile Runnable whenReady;

    Adapter(MessageSink<LogEntry> sink) {
      this.sink = sink;
    }

    void ready() {
      Runnable r = whenReady;
      if (r != null) {
        whenReady = null;
        r.run();
      }
    }

    @Override
    public boolean isReady() {
      return sink.isReady();
    }

    @Override
    public void whenReady(Runnable callback) {
      whenReady = callback;
      if (sink.isReady()) {
        ready();
      }
    }

    @Override
    public void next(LogLine line) {
      sink.next(entry(line));
    }

    @Override
    public void nextAll(List<LogLine> lines) {
      List<LogEntry> entries = new ArrayList<>(lines.size());
      for (LogLine line : lines) {
        entries.add(entry(line));
      }
      sink.nextAll(entries);
    }

    private static LogEntry entry(LogLine line) {
      return LogEntry.newBuilder().setTimestamp(line.timestampEpochSeconds()).setService(line.service())
          .setContainerId(line.containerId()).setStream(line.stream()).setMessage(line.message()).build();
    }

    @Override
    public void complete() {
      sink.complete();
    }

    @Override
    public void fail(RuntimeException error) {
      sink.fail(ErrorMapper.toNodeException(error));
    }
  }
}
