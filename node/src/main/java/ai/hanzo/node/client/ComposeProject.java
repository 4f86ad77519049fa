package ai.hanzo.node.client;

import java.util.List;
import java.util.Map;

/**
 * A Compose project as the CLI read it from a file, checked and in the subset a node runs; {@link NodeClient#deploy}
 * turns it into the wire request. Maps keep the file's order. Values are as written in the file: the node, not the
 * CLI, interprets durations, sizes and restart policies.
 */
public record ComposeProject(String version, String name, Map<String, Service> services,
    Map<String, Network> networks, Map<String, Volume> volumes) {

  /**
   * One {@code services.*} entry. Ports and volume mounts are in their short form ({@code 80:8080},
   * {@code data:/var/lib:ro}) whichever form the file used.
   *
   * @param deploy {@code null} when the file has neither {@code deploy} nor {@code pids_limit}
   * @param healthcheck {@code null} when the file has none: the image's own applies
   * @param restart empty when not given
   */
  public record Service(String image, List<String> command, List<String> entrypoint, Map<String, String> environment,
      List<String> ports, List<String> volumes, List<String> networks, Deploy deploy, Healthcheck healthcheck,
      String restart) {}

  /**
   * @param replicas 0 when not given (the node's default of one)
   * @param limits {@code null} when not given
   * @param reservations {@code null} when not given
   */
  public record Deploy(int replicas, Limits limits, Limits reservations) {}

  /**
   * @param pids 0 when not given (the node's default limit)
   * @param devices the GPUs asked for (only in reservations); empty when none
   */
  public record Limits(String cpus, String memory, long pids, List<Device> devices) {
    public Limits {
      devices = List.copyOf(devices);
    }

    public Limits(String cpus, String memory, long pids) {
      this(cpus, memory, pids, List.of());
    }
  }

  /**
   * One {@code deploy.resources.reservations.devices} entry.
   *
   * @param count -1 for all GPUs (Compose's {@code all}, or neither count nor device_ids given)
   */
  public record Device(String driver, int count, List<String> deviceIds, List<String> capabilities) {
    public Device {
      deviceIds = List.copyOf(deviceIds);
      capabilities = List.copyOf(capabilities);
    }
  }

  public record Healthcheck(List<String> test, String interval, String timeout, int retries, String startPeriod) {}

  public record Network(String driver, boolean external) {}

  public record Volume(String driver, Map<String, String> driverOpts) {}
}
