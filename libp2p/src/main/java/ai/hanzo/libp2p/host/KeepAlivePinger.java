package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.host.protocol.ping.PingClient;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pings every connection at an interval and closes those whose ping fails or times out. */
final class KeepAlivePinger {
  private static final Logger LOG = LoggerFactory.getLogger(KeepAlivePinger.class);

  private final PingClient ping;
  private final Supplier<Iterable<Connection>> connections;
  private final Duration interval;
  private ScheduledFuture<?> task;

  KeepAlivePinger(PingClient ping, Supplier<Iterable<Connection>> connections,
      Duration interval) {
    this.ping = ping;
    this.connections = connections;
    this.interval = interval;
  }

  void start(EventExecutor executor) {
    if (interval.isZero()) {
      return;
    }
    long nanos = interval.toNanos();
    task = executor.scheduleAtFixedRate(this::pingAll, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void pingAll() {
    for (Connection connection : connections.get()) {
      ping.ping(connection)
          .orTimeout(interval.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((rtt, error) -> {
            if (error != null && connection.isOpen()) {
              LOG.debug("keep-alive ping failed on {}, closing it: {}", connection, error.toString());
              connection.close();
            }
          });
    }
  }

  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
