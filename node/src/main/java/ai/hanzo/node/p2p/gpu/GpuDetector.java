package ai.hanzo.node.p2p.gpu;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the GPUs of this host for the node's capabilities: NVIDIA through {@code nvidia-smi} when it runs, else the
 * driver's {@code /proc/driver/nvidia/gpus/*}/information files; AMD through {@code /sys/class/drm/card*}/device with
 * vendor {@code 0x1002}. A host without GPUs, drivers or tools gives an empty list, never an error.
 */
public final class GpuDetector {
  private static final Logger log = LoggerFactory.getLogger(GpuDetector.class);
  static final List<String> NVIDIA_SMI = List.of("nvidia-smi", "--query-gpu=index,uuid,name,memory.total",
      "--format=csv,noheader");
  private static final Duration NVIDIA_SMI_TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern CARD = Pattern.compile("card\\d+");
  private static final long MAX_FILE = 64 * 1024;

  private final Path root;
  private final CommandOutput commands;

  /** @param root where {@code proc/} and {@code sys/} are: {@code /} on a real host, a directory in tests */
  public GpuDetector(Path root, CommandOutput commands) {
    this.root = root;
    this.commands = commands;
  }

  public static GpuDetector forThisHost() {
    return new GpuDetector(Path.of("/"), new ProcessCommandOutput());
  }

  public List<DetectedGpu> detect() {
    List<DetectedGpu> gpus = new ArrayList<>(nvidia());
    gpus.addAll(amd());
    return gpus;
  }

  /** {@link #detect()} as the heartbeat's capabilities, logged once so an operator sees what was found. */
  public List<Capabilities.Gpu> detectForCapabilities() {
    List<DetectedGpu> gpus = detect();
    if (gpus.isEmpty()) {
      log.info("No GPU found (neither nvidia-smi, the NVIDIA driver nor an AMD card in /sys/class/drm)");
    } else {
      gpus.forEach(g -> log.info("GPU found: {} {} ({} MiB) {}", g.vendor(), g.model(), g.memoryBytes() >> 20,
          g.id()));
    }
    return gpus.stream().map(g -> new Capabilities.Gpu(g.model(), g.memoryBytes())).toList();
  }

  private List<DetectedGpu> nvidia() {
    List<DetectedGpu> fromSmi = commands.run(NVIDIA_SMI, NVIDIA_SMI_TIMEOUT).map(NvidiaSmiParser::parse)
        .orElse(List.of());
    if (!fromSmi.isEmpty()) {
      return fromSmi;
    }
    List<DetectedGpu> gpus = new ArrayList<>();
    for (Path dir : list(root.resolve("proc/driver/nvidia/gpus"))) {
      read(dir.resolve("information")).flatMap(NvidiaProcParser::parse).ifPresent(gpus::add);
    }
    return gpus;
  }

  private List<DetectedGpu> amd() {
    List<DetectedGpu> gpus = new ArrayList<>();
    for (Path card : list(root.resolve("sys/class/drm"))) {
      if (!CARD.matcher(card.getFileName().toString()).matches()) {
        continue;
      }
      Path device = card.resolve("device");
      Optional<String> vendor = read(device.resolve("vendor"));
      if (vendor.isEmpty()) {
        continue;
      }
      AmdSysfsParser.parse(vendor.get(), read(device.resolve("device")).orElse(""),
          read(device.resolve("product_name")).orElse(""), read(device.resolve("mem_info_vram_total")).orElse(""),
          pciAddress(device)).ifPresent(gpus::add);
    }
    return gpus;
  }

  private static String pciAddress(Path device) {
    try {
      return Files.readSymbolicLink(device).getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A small text file's content; empty when missing, unreadable or implausibly large. */
  private static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
