package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.HealthcheckSpec;
import ai.hanzo.node.api.v1.NetworkSpec;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.VolumeSpec;

/**
 * A {@link ComposeProject} as the Deploy call sends it. What the file did not give stays unset on the wire (a
 * service without a healthcheck has no {@code healthcheck} message, so the image's own applies).
 */
final class ComposeWire {
  private ComposeWire() {}

  static ComposeSpec spec(ComposeProject project) {
    ComposeSpec.Builder spec = ComposeSpec.newBuilder().setVersion(project.version()).setName(project.name());
    project.services().forEach((name, service) -> spec.putServices(name, service(service)));
    project.networks().forEach((name, n) -> spec.putNetworks(name, NetworkSpec.newBuilder().setDriver(n.driver())
        .setExternal(n.external()).build()));
    project.volumes().forEach((name, v) -> spec.putVolumes(name, VolumeSpec.newBuilder().setDriver(v.driver())
        .putAllDriverOpts(v.driverOpts()).build()));
    return spec.build();
  }

  private static ServiceSpec service(ComposeProject.Service s) {
    ServiceSpec.Builder service = ServiceSpec.newBuilder().setImage(s.image()).addAllCommand(s.command())
        .addAllEntrypoint(s.entrypoint()).putAllEnvironment(s.environment()).addAllPorts(s.ports())
        .addAllVolumes(s.volumes()).addAllNetworks(s.networks()).setRestart(s.restart());
    if (s.deploy() != null) {
      service.setDeploy(deploy(s.deploy()));
    }
    if (s.healthcheck() != null) {
      ComposeProject.Healthcheck h = s.healthcheck();
      service.setHealthcheck(HealthcheckSpec.newBuilder().addAllTest(h.test()).setInterval(h.interval())
          .setTimeout(h.timeout()).setRetries(h.retries()).setStartPeriod(h.startPeriod()));
    }
    return service.build();
  }

  private static DeploySpec deploy(ComposeProject.Deploy d) {
    DeploySpec.Builder deploy = DeploySpec.newBuilder().setReplicas(d.replicas());
    if (d.limits() != null || d.reservations() != null) {
      ResourceSpec.Builder resources = deploy.getResourcesBuilder();
      if (d.limits() != null) {
        resources.setLimits(limits(d.limits()));
      }
      if (d.reservations() != null) {
        resources.setReservations(limits(d.reservations()));
      }
    }
    return deploy.build();
  }

  private static ResourceLimits limits(ComposeProject.Limits l) {
    ResourceLimits.Builder limits = ResourceLimits.newBuilder().setCpus(l.cpus()).setMemory(l.memory())
        .setPids(l.pids());
    l.devices().forEach(d -> limits.addDevices(ai.hanzo.node.api.v1.DeviceRequest.newBuilder().setDriver(d.driver())
        .setCount(d.count()).addAllDeviceIds(d.deviceIds()).addAllCapabilities(d.capabilities())));
    return limits.build();
  }
}
