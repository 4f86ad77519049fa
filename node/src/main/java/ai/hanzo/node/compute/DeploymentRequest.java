package ai.hanzo.node.compute;

import java.util.List;
import java.util.Map;

/** A Deploy request in domain terms: a Compose-shaped project plus deployment-wide environment and options. */
public record DeploymentRequest(String deploymentId, String name, ComposeProject project,
    Map<String, String> environment, Options options) {
  /** The label that records the organisation owning a deployment; set by the node from the deploying caller. */
  public static final String ORG_LABEL = "ai.hanzo.org";

  public DeploymentRequest {
    environment = Map.copyOf(environment);
  }

  /** The owning organisation, or {@code null}. */
  public String org() {
    return options == null ? null : options.labels().get(ORG_LABEL);
  }

  public record ComposeProject(String version, String name, Map<String, ServiceDefinition> services,
      Map<String, NetworkDefinition> networks, Map<String, VolumeDefinition> volumes) {
    public ComposeProject {
      services = Map.copyOf(services);
      networks = Map.copyOf(networks);
      volumes = Map.copyOf(volumes);
    }
  }

  public record ServiceDefinition(String image, List<String> command, List<String> entrypoint,
      Map<String, String> environment, List<String> ports, List<String> volumes, List<String> networks,
      int replicas, Resources limits, Resources reservations, Healthcheck healthcheck, String restart) {
    public ServiceDefinition {
      command = List.copyOf(command);
      entrypoint = List.copyOf(entrypoint);
      environment = Map.copyOf(environment);
      ports = List.copyOf(ports);
      volumes = List.copyOf(volumes);
      networks = List.copyOf(networks);
    }
  }

  /**
   * Compose resource strings as given ("0.5" CPUs, "512M"); empty when unset. {@code pids}: most processes at once,
   * 0 when unset (the node's default then applies). Left out of the JSON while 0, so the spec hash of a deployment
   * made before pids limits existed does not change.
   */
  public record Resources(String cpus, String memory,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
      long pids,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      List<GpuRequest> gpus) {
    public Resources {
      gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }

    public Resources(String cpus, String memory, long pids) {
      this(cpus, memory, pids, List.of());
    }

    public Resources(String cpus, String memory) {
      this(cpus, memory, 0);
    }
  }

  /**
   * One Compose GPU device request ({@code deploy.resources.reservations.devices}, driver nvidia): either {@code count}
   * GPUs of the node's choice ({@link #ALL}: every GPU of the node) or exactly {@code deviceIds} (indexes or UUIDs as
   * nvidia-smi prints them). Left out of the JSON while empty, so spec hashes of deployments without GPUs stay.
   */
  public record GpuRequest(int count, List<String> deviceIds) {
    public static final int ALL = -1;

    public GpuRequest {
      deviceIds = List.copyOf(deviceIds);
    }
  }

  public record Healthcheck(List<String> test, String interval, String timeout, int retries, String startPeriod) {
    public Healthcheck {
      test = List.copyOf(test);
    }
  }

  public record NetworkDefinition(String driver, boolean external) {}

  public record VolumeDefinition(String driver, Map<String, String> driverOptions) {
    public VolumeDefinition {
      driverOptions = Map.copyOf(driverOptions);
    }
  }

  public record Options(String namespace, String environment, Map<String, String> labels, Resources limits) {
    public Options {
      labels = Map.copyOf(labels);
    }
  }
}
