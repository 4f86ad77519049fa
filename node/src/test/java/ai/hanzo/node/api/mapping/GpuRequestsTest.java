package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.DeviceRequest;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.compute.DeploymentRequest.GpuRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GPU requests on the wire (gRPC and HTTP alike): refused with the field's path, never stored malformed. */
class GpuRequestsTest {
  private static DeployRequest asking(DeviceRequest.Builder device, boolean inLimits) {
    ResourceLimits limits = ResourceLimits.newBuilder().addDevices(device).build();
    ResourceSpec.Builder resources = inLimits ? ResourceSpec.newBuilder().setLimits(limits)
        : ResourceSpec.newBuilder().setReservations(limits);
    ServiceSpec train = ServiceSpec.newBuilder().setImage("cuda").setDeploy(DeploySpec.newBuilder()
        .setResources(resources)).build();
    return DeployRequest.newBuilder().setSpec(ComposeSpec.newBuilder().putServices("train", train)).build();
  }

  private static DeviceRequest.Builder gpu() {
    return DeviceRequest.newBuilder().setDriver("nvidia").addCapabilities("gpu");
  }

  @Test
  void countOrDeviceIdsReachTheServiceDefinition() {
    assertThat(DeployRequestMapper.map(asking(gpu().setCount(2), false)).project().services().get("train")
        .reservations().gpus()).containsExactly(new GpuRequest(2, List.of()));
    assertThat(DeployRequestMapper.map(asking(gpu().addDeviceIds("GPU-1").addDeviceIds("3"), false)).project()
        .services().get("train").reservations().gpus()).containsExactly(new GpuRequest(0, List.of("GPU-1", "3")));
  }

  @Test
  void everyMalformedRequestIsRefusedNamingItsField() {
    String at = "spec.services[train].deploy.resources.reservations.devices[0]";
    refused(asking(gpu().setCount(1).addDeviceIds("0"), false), at, "both count and device_ids");
    refused(asking(gpu(), false), at, "needs count (-1 for all GPUs) or device_ids");
    refused(asking(gpu().setCount(65), false), at + ".count", "must be from 1 to 64");
    refused(asking(gpu().setCount(-2), false), at + ".count", "must be from 1 to 64");
    refused(asking(gpu().setDriver("amd").setCount(1), false), at + ".driver", "only nvidia");
    refused(asking(DeviceRequest.newBuilder().setCount(1), false), at + ".capabilities", "must include gpu");
    refused(asking(gpu().addDeviceIds("../../dev/sda"), false), at + ".device_ids[0]", "GPU index or UUID");
    refused(asking(gpu().setCount(1), true), "spec.services[train].deploy.resources.limits.devices",
        "only in deploy.resources.reservations");
  }

  private static void refused(DeployRequest r, String field, String message) {
    assertThatThrownBy(() -> DeployRequestMapper.map(r)).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains(field).contains(message);
    });
  }
}
