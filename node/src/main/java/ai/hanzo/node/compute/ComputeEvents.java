package ai.hanzo.node.compute;

import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The deployment.* and container.* events the engine publishes; clients filter on these type names. Each carries
 * the {@link DomainEvent#ORG} of its deployment (looked up when published, remembered until the deployment is
 * removed, so the events of its removal still name it), and {@link #sees} scopes events by it.
 */
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
  private final Function<String, Optional<DesiredDeployment>> deployments;
  /** Owner ({@code ""}: none) of every deployment seen since the start and not removed since. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  public ComputeEvents(EventBus bus, Clock clock, Function<String, Optional<DesiredDeployment>> deployments) {
    this.bus = bus;
    this.clock = clock;
    this.deployments = deployments;
  }

  /**
   * Whether {@code tenant} may see {@code event}: an event of a deployment or container only when it sees its owner
   * (one of unknown owner, e.g. of an orphan, only when it sees all); any other event (node, peer, network) always.
   */
  public static boolean sees(Tenant tenant, DomainEvent event) {
    if (tenant.seesAll()) {
      return true;
    }
    String org = event.attributes().get(DomainEvent.ORG);
    if (org != null) {
      return tenant.sees(org.isEmpty() ? null : org);
    }
    boolean local = event.type().startsWith("deployment.") || event.type().startsWith("container.");
    return !local;
  }

  /** Remembers the owner of {@code d} before it is deleted, for the events of its removal. */
  void removing(DesiredDeployment d) {
    owners.put(d.id(), orgValue(Ownership.owner(d)));
  }

  public void deployment(String type, String deploymentId, String message) {
    Map<String, String> attributes = owned(deploymentId, Map.of("deployment", deploymentId));
    if (DEPLOYMENT_REMOVED.equals(type)) {
      owners.remove(deploymentId);
    }
    bus.publish(new DomainEvent(clock.instant(), type, "deployment", deploymentId, message, attributes));
  }

  public void node(String type, String nodeId, String message) {
    bus.publish(new DomainEvent(clock.instant(), type, "node", nodeId, message, Map.of()));
  }

  public void container(String type, ReplicaName replica, String containerId, String message) {
    bus.publish(new DomainEvent(clock.instant(), type, "container", containerId, message,
        owned(replica.deploymentId(), Map.of("deployment", replica.deploymentId(), "service", replica.service(),
            "replica", Integer.toString(replica.replica()), "container", replica.containerName()))));
  }

  /** {@code attributes} plus the owner of {@code deploymentId} when known. */
  private Map<String, String> owned(String deploymentId, Map<String, String> attributes) {
    String org = owners.get(deploymentId);
    if (org == null) {
      org = deployments.apply(deploymentId).map(d -> orgValue(Ownership.owner(d))).orElse(null);
      if (org == null) {
        return attributes;
      }
      owners.put(deploymentId, org);
    }
    Map<String, String> withOrg = new HashMap<>(attributes);
    withOrg.put(DomainEvent.ORG, org);
    return withOrg;
  }

  private static String orgValue(String org) {
    return org == null ? "" : org;
  }
}
