package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentService.LogLine;
import ai.hanzo.node.compute.DeploymentService.LogQuery;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.LogSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** GetLogs for a deployment: one runtime log subscription per container, relayed into one stream. */
final class DeploymentLogs {
  private final ContainerRuntime runtime;
  private final BiFunction<String, String, List<ContainerState>> containers;

  DeploymentLogs(ContainerRuntime runtime, BiFunction<String, String, List<ContainerState>> containers) {
    this.runtime = runtime;
    this.containers = containers;
  }

  AutoCloseable open(LogQuery query, StreamSink<LogLine> sink) {
    ai.hanzo.node.runtime.LogQuery runtimeQuery = new ai.hanzo.node.runtime.LogQuery(
        query.sinceEpochSeconds() > 0 ? Instant.ofEpochSecond(query.sinceEpochSeconds()) : null,
        query.tail(), query.follow());
    LogRelay relay = new LogRelay(sink);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    try {
      for (ContainerState c : containers.apply(query.deploymentId(), query.serviceName())) {
        String service = c.labels().getOrDefault(ReplicaName.SERVICE_LABEL, "");
        LogSubscription subscription = runtime.logs(c.id(), runtimeQuery, relay.consumer(entry -> new LogLine(
            entry.timestamp().getEpochSecond(), service, c.id(), entry.stream().wireName(), entry.line())));
        relay.own(subscription);
        done.add(subscription.done());
      }
    } catch (ContainerRuntimeException e) {
      relay.close();
      throw RuntimeErrors.toNode(e);
    }
    relay.start(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)));
    return relay;
  }
}
