package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.compute.ResourceQuantities;
import ai.hanzo.node.p2p.placement.Demand;
import java.util.Map;

/**
 * The GPU part of a placement demand: the GPUs the spec asks for, and the placement constraints {@code gpu_model}
 * (a model name part, e.g. {@code A100}) and {@code gpu_memory} (least memory per GPU, a Compose size such as
 * {@code 40G}). Either constraint alone also asks for a GPU.
 */
final class GpuDemands {
  private GpuDemands() {}

  static Demand.Gpus of(long asked, Map<String, String> constraints) {
    String model = constraints.getOrDefault("gpu_model", "");
    String memory = constraints.get("gpu_memory");
    long memoryBytes = memory == null ? 0
        : ResourceQuantities.memoryBytes(memory, "placement.constraints[gpu_memory]");
    long count = asked == 0 && (!model.isEmpty() || memoryBytes > 0) ? 1 : asked;
    return new Demand.Gpus(count, model, memoryBytes);
  }
}
