package ai.hanzo.node.p2p.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code nvidia-smi --query-gpu=index,uuid,name,memory.total --format=csv,noheader}: one line per
 * GPU, e.g. {@code 0, GPU-5d8c…, NVIDIA A100-SXM4-80GB, 81920 MiB}. Lines that do not look like that are skipped.
 */
final class NvidiaSmiParser {
  // The name may itself contain commas: index and uuid are taken from the start, memory from the end.
  private static final Pattern LINE = Pattern.compile("^(\\d{1,3}),\\s*([^,]*),\\s*(.+?),\\s*([^,]*)$");
  private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB|B)?", Pattern.CASE_INSENSITIVE);

  private NvidiaSmiParser() {}

  static List<DetectedGpu> parse(String output) {
    List<DetectedGpu> gpus = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches() && !m.group(3).isBlank()) {
        gpus.add(new DetectedGpu(DetectedGpu.Vendor.NVIDIA, m.group(3), memoryBytes(m.group(4)).orElse(0L),
            m.group(2).strip(), Integer.parseInt(m.group(1))));
      }
    }
    return gpus;
  }

  /** {@code 81920 MiB} in bytes; empty for {@code [N/A]} or anything else unreadable. */
  static Optional<Long> memoryBytes(String text) {
    Matcher m = MEMORY.matcher(text.strip());
    if (!m.matches() || m.group(1).length() > 12) {
      return Optional.empty();
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return Optional.of(switch (unit) {
      case "kib" -> value << 10;
      case "mib" -> value << 20;
      case "gib" -> value << 30;
      default -> value;
    });
  }
}
