package ai.hanzo.node.compute;

import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import java.time.Clock;
import java.util.Map;

/** The deployment.* and container.* events the engine publishes; clients filter on these type names. */
public final class ComputeEvents {
  public static final String DEPLOYMENT_CREATED = "deployment.created";
  public static final String DEPLOYMENT_SCALED = "deployment.scaled";
  public static final String DEPLOYMENT_STOPPED = "deployment.stopped";
  public static final String DEPLOYMENT_UPDATING = "deployment.updating";
  public static final String DEPLOYMENT_REMOVED = "deployment.removed";
  public static final String CONTAINER_CREATED = "container.created";
  public static final String CONTAINER_STARTED = "container.started";
  public static final String CONTAINER_EXITED = "container.exited";
  public static final String CONTAINER_RESTARTED = "container.restarted";
  public static final String CONTAINER_ADOPTED = "container.adopted";
  public static final String CONTAINER_FAILED = "container.failed";
  public static final String CONTAINER_STOPPED = "container.stopped";
  public static final String CONTAINER_REMOVED = "container.removed";
  public static final String CONTAINER_HEALTHY = "container.healthy";
  public static final String CONTAINER_UNHEALTHY = "container.unhealthy";
  public static final String NODE_CORDONED = "node.cordoned";
  public static final String NODE_DRAINING = "node.draining";
  public static final String NODE_DRAINED = "node.drained";
  public static final String NODE_UNCORDONED = "node.uncordoned";

  private final EventBus bus;
  private final Clock clock;

  public ComputeEvents(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  public void deployment(String type, String deploymentId, String message) {
    bus.publish(new DomainEvent(clock.instant(), type, "deployment", deploymentId, message,
        Map.of("deployment", deploymentId)));
  }

  public void node(String type, String nodeId, String message) {
    bus.publish(new DomainEvent(clock.instant(), type, "node", nodeId, message, Map.of()));
  }

  public void container(String type, ReplicaName replica, String containerId, String message) {
    bus.publish(new DomainEvent(clock.instant(), type, "container", containerId, message,
        Map.of("deployment", replica.deploymentId(), "service", replica.service(),
            "replica", Integer.toString(replica.replica()), "container", replica.containerName())));
  }
}
