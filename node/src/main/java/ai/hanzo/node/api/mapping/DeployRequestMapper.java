package ai.hanzo.node.api.mapping;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploymentOptions;
import ai.hanzo.node.api.v1.HealthcheckSpec;
import ai.hanzo.node.api.v1.NetworkSpec;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.VolumeSpec;
import ai.hanzo.node.compute.DeploymentRequest;
import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import ai.hanzo.node.compute.DeploymentRequest.NetworkDefinition;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.compute.DeploymentRequest.VolumeDefinition;
import ai.hanzo.node.compute.DesiredDeployment;
import ai.hanzo.node.error.NodeException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validates a DeployRequest's shape and maps it to the compute engine's {@link DeploymentRequest}. Checks only
 * what any engine needs (ids, at least one service, an image per service, replica bounds, the {@link FieldRules}
 * of every string, environment names included); what a given engine can run is its own decision. Every error
 * names the proto field path, e.g. {@code spec.services[web].image}.
 */
public final class DeployRequestMapper {
  static final int MAX_REPLICAS = DesiredDeployment.MAX_REPLICAS;
  /** The kernel's largest pid_max (PID_MAX_LIMIT): no limit above it can mean anything. */
  static final long MAX_PIDS = 4_194_304;

  private DeployRequestMapper() {}

  public static DeploymentRequest map(DeployRequest r) {
    // Again here, whoever calls: the transports check at the edge, but a deployment may also arrive otherwise.
    FieldRules.check(r);
    if (!r.getDeploymentId().isEmpty()) {
      ai.hanzo.node.registry.NodeIds.validate(r.getDeploymentId(), "deployment_id");
    }
    if (!r.hasSpec()) {
      throw NodeException.invalidField("spec", "is required (a Compose project with at least one service)");
    }
    ComposeSpec spec = r.getSpec();
    if (spec.getServicesCount() == 0) {
      throw NodeException.invalidField("spec.services", "must name at least one service");
    }
    Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    spec.getServicesMap().forEach((name, s) -> services.put(name, service("spec.services[" + name + "]", s)));
    Map<String, NetworkDefinition> networks = new LinkedHashMap<>();
    spec.getNetworksMap().forEach((name, n) -> networks.put(name, network(n)));
    Map<String, VolumeDefinition> volumes = new LinkedHashMap<>();
    spec.getVolumesMap().forEach((name, v) -> volumes.put(name, volume(v)));
    String name = !r.getName().isEmpty() ? r.getName() : spec.getName();
    String id = r.getDeploymentId().isEmpty() ? DeploymentIds.assign(name) : r.getDeploymentId();
    return new DeploymentRequest(id, name,
        new ComposeProject(spec.getVersion(), spec.getName(), services, networks, volumes),
        r.getEnvironmentMap(), options(r.getOptions()));
  }

  private static ServiceDefinition service(String path, ServiceSpec s) {
    if (s.getImage().isBlank()) {
      throw NodeException.invalidField(path + ".image", "is required");
    }
    // proto3 cannot tell an unset uint32 from 0: 0 means Compose's default of 1 (Scale takes a service to 0).
    long replicas = Integer.toUnsignedLong(s.getDeploy().getReplicas());
    if (replicas > MAX_REPLICAS) {
      throw NodeException.invalidField(path + ".deploy.replicas", "must be at most " + MAX_REPLICAS);
    }
    if (replicas == 0) {
      replicas = 1;
    }
    return new ServiceDefinition(s.getImage(), s.getCommandList(), s.getEntrypointList(), s.getEnvironmentMap(),
        s.getPortsList(), s.getVolumesList(), s.getNetworksList(), (int) replicas,
        resources(s.getDeploy().getResources().getLimits(), path + ".deploy.resources.limits"),
        reservations(s.getDeploy().getResources().getReservations(), path + ".deploy.resources.reservations"),
        s.hasHealthcheck() ? healthcheck(s.getHealthcheck()) : null, s.getRestart());
  }

  /** Reservations may also ask for GPUs; limits may not (Compose puts devices only under reservations). */
  private static Resources reservations(ResourceLimits l, String path) {
    Resources r = resources(l.toBuilder().clearDevices().build(), path);
    return new Resources(r.cpus(), r.memory(), r.pids(), GpuRequests.map(l.getDevicesList(), path + ".devices"));
  }

  private static Resources resources(ResourceLimits l, String path) {
    if (l.getDevicesCount() > 0) {
      throw NodeException.invalidField(path + ".devices", "is allowed only in deploy.resources.reservations");
    }
    if (l.getPids() < 0 || l.getPids() > MAX_PIDS) {
      throw NodeException.invalidField(path + ".pids", l.getPids() + " must be between 1 and " + MAX_PIDS
          + " processes (0 or unset: the node's default limit)");
    }
    return new Resources(l.getCpus(), l.getMemory(), l.getPids());
  }

  private static Healthcheck healthcheck(HealthcheckSpec h) {
    return new Healthcheck(h.getTestList(), h.getInterval(), h.getTimeout(), h.getRetries(), h.getStartPeriod());
  }

  private static NetworkDefinition network(NetworkSpec n) {
    return new NetworkDefinition(n.getDriver(), n.getExternal());
  }

  private static VolumeDefinition volume(VolumeSpec v) {
    return new VolumeDefinition(v.getDriver(), v.getDriverOptsMap());
  }

  private static DeploymentRequest.Options options(DeploymentOptions o) {
    return new DeploymentRequest.Options(o.getNamespace(), o.getEnvironment(), o.getLabelsMap(),
        resources(o.getResourceLimits(), "options.resource_limits"));
  }
}
