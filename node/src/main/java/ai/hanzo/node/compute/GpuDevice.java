package ai.hanzo.node.compute;

/**
 * One GPU of this node as admission assigns it.
 *
 * @param index nvidia-smi's index, the {@code N} of {@code /dev/nvidiaN}, as text ("0")
 * @param uuid the driver's {@code GPU-…} id (a Compose {@code device_ids} entry may name it), or empty
 * @param model the driver's name for it, e.g. {@code NVIDIA A100-SXM4-80GB}
 * @param memoryBytes its memory, 0 when unknown
 */
public record GpuDevice(String index, String uuid, String model, long memoryBytes) {}
