package ai.hanzo.node.app;

import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.NodeScheduling;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.lifecycle.Service;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.node.runtime.Availability;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.storage.ConfigStore;
import ai.hanzo.node.storage.DeploymentStore;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** The compute engine over the configured runtime, its lifecycle service and its "runtime" health check. */
final class ComputeWiring {
  private final ContainerRuntime runtime;
  private final Orchestrator orchestrator;

  ComputeWiring(NodeConfig config, EventBus events, Supplier<DeploymentStore> deployments,
      Supplier<ConfigStore> settings, Supplier<String> nodeId, Clock clock) {
    this.runtime = RuntimeSelection.select(config.runtime(), config.dataDir(), (containerId, message) ->
        events.publish(new DomainEvent(clock.instant(), "container.warning", "container", containerId, message,
            Map.of())));
    this.orchestrator = new Orchestrator(runtime, deployments, new NodeScheduling(settings), events, nodeId,
        ComputeSettings.defaults(config.dataDir()), clock, new Random());
  }

  Orchestrator orchestrator() {
    return orchestrator;
  }

  /** Starts reconciling once storage is open; stops the loop, then releases the runtime (containers keep running). */
  Service service() {
    return Service.of("compute", orchestrator::start, () -> {
      orchestrator.close();
      runtime.close();
    });
  }

  HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "runtime";
      }

      @Override
      public Result check() {
        Availability a = runtime.available();
        return new Result(a.available() ? HealthLevel.HEALTHY : HealthLevel.UNHEALTHY,
            runtime.name() + ": " + a.reason());
      }
    };
  }
}
