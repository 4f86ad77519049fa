package ai.hanzo.node.runtime.runc;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device files a container given NVIDIA GPUs needs: {@code /dev/nvidia<index>} of each (which must exist),
 * and {@code /dev/nvidiactl}, {@code /dev/nvidia-uvm} and {@code /dev/nvidia-uvm-tools} when the host has them. They
 * are bind-mounted into the container's /dev and, when they are character devices, allowed in its device cgroup by
 * their major and minor numbers.
 */
final class GpuDeviceNodes {
  private static final List<String> SHARED = List.of("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools");
  /**
   * Test-only ({@code -Dhanzo.test.gpu-dev-dir=DIR}): take the device files from DIR instead of /dev, so an IT of a
   * real node process hands its containers device nodes the test made itself, without touching the machine's /dev
   * (shared with everything else running there). Not an option: no operator has a reason to set it.
   */
  static final String DEV_DIR_PROPERTY = "hanzo.test.gpu-dev-dir";

  private GpuDeviceNodes() {}

  /** Where the host's GPU device files are: /dev, unless a test said otherwise ({@link #DEV_DIR_PROPERTY}). */
  static Path hostDevDir() {
    String dir = System.getProperty(DEV_DIR_PROPERTY, "");
    return dir.isBlank() ? Path.of("/dev") : Path.of(dir);
  }

  /** One device file; {@code major}/{@code minor} -1 when it is not a character device (a test's plain file). */
  record Node(Path hostPath, String containerPath, long major, long minor) {
    boolean charDevice() {
      return major >= 0;
    }
  }

  static List<Node> of(Path devDir, List<String> gpus) {
    List<Node> nodes = new ArrayList<>();
    if (gpus.isEmpty()) {
      return nodes;
    }
    for (String index : gpus) {
      Path gpu = devDir.resolve("nvidia" + index);
      if (!Files.exists(gpu)) {
        throw ContainerRuntimeException.invalidSpec("GPU " + index + " has no device file " + gpu
            + " (is the NVIDIA driver loaded?)");
      }
      nodes.add(node(gpu));
    }
    for (String name : SHARED) {
      Path shared = devDir.resolve(name);
      if (Files.exists(shared)) {
        nodes.add(node(shared));
      }
    }
    return nodes;
  }

  private static Node node(Path host) {
    long rdev = 0;
    try {
      rdev = ((Number) Files.getAttribute(host, "unix:rdev")).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      rdev = 0;
    }
    String inContainer = "/dev/" + host.getFileName();
    if (rdev == 0) {
      return new Node(host, inContainer, -1, -1);
    }
    // glibc's gnu_dev_major/minor: the 64-bit dev_t splits its bits between the two numbers.
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    return new Node(host, inContainer, major, minor);
  }
}
