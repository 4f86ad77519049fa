package ai.hanzo.node.api.mapping;

import ai.hanzo.node.api.v1.DeviceRequest;
import ai.hanzo.node.compute.DeploymentRequest.GpuRequest;
import ai.hanzo.node.error.NodeException;
import java.util.List;

/**
 * Compose's {@code deploy.resources.reservations.devices} on the wire to the GPUs a replica asks for. Only NVIDIA GPUs
 * exist for a node (driver {@code nvidia} or unset, capabilities including {@code gpu}); each request says either how
 * many GPUs ({@code count}, -1 for all of them) or which ({@code device_ids}), never both, as Docker Compose requires.
 */
final class GpuRequests {
  /** More than any machine holds: a larger count can only be a mistake. */
  static final int MAX_GPUS = 64;
  static final int MAX_DEVICE_ID = 128;

  private GpuRequests() {}

  static List<GpuRequest> map(List<DeviceRequest> devices, String path) {
    if (devices.size() > MAX_GPUS) {
      throw NodeException.invalidField(path, "at most " + MAX_GPUS + " device requests");
    }
    return java.util.stream.IntStream.range(0, devices.size())
        .mapToObj(i -> one(devices.get(i), path + "[" + i + "]")).toList();
  }

  private static GpuRequest one(DeviceRequest d, String path) {
    if (!d.getDriver().isEmpty() && !d.getDriver().equals("nvidia")) {
      throw NodeException.invalidField(path + ".driver", "'" + d.getDriver()
          + "' is not supported: only nvidia GPUs (driver: nvidia)");
    }
    if (!d.getCapabilitiesList().contains("gpu")) {
      throw NodeException.invalidField(path + ".capabilities", "must include gpu (capabilities: [gpu])");
    }
    boolean counted = d.getCount() != 0;
    boolean named = d.getDeviceIdsCount() > 0;
    if (counted && named) {
      throw NodeException.invalidField(path, "has both count and device_ids: give one of them");
    }
    if (!counted && !named) {
      throw NodeException.invalidField(path, "needs count (-1 for all GPUs) or device_ids");
    }
    if (counted && (d.getCount() < GpuRequest.ALL || d.getCount() > MAX_GPUS)) {
      throw NodeException.invalidField(path + ".count", d.getCount() + " must be from 1 to " + MAX_GPUS
          + " (or -1 for all GPUs)");
    }
    if (d.getDeviceIdsCount() > MAX_GPUS) {
      throw NodeException.invalidField(path + ".device_ids", "at most " + MAX_GPUS + " ids");
    }
    for (int i = 0; i < d.getDeviceIdsCount(); i++) {
      String id = d.getDeviceIds(i);
      if (id.isEmpty() || id.length() > MAX_DEVICE_ID || !id.matches("[A-Za-z0-9-]+")) {
        throw NodeException.invalidField(path + ".device_ids[" + i + "]", "must be a GPU index or UUID"
            + " (letters, digits and '-', at most " + MAX_DEVICE_ID + " characters)");
      }
    }
    return new GpuRequest(counted ? d.getCount() : 0, d.getDeviceIdsList());
  }
}
