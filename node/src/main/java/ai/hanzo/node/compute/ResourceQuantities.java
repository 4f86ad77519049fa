package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;
import java.math.BigDecimal;
import java.util.Locale;

/** Compose resource strings: CPUs like {@code 0.5}, memory like {@code 512M}, {@code 1g}, {@code 1024k}. */
public final class ResourceQuantities {
  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal MAX_CPUS = BigDecimal.valueOf(4096);

  private ResourceQuantities() {}

  /** 0 when blank. */
  public static long nanoCpus(String text, String field) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      BigDecimal cpus = new BigDecimal(text.trim());
      if (cpus.signum() < 0 || cpus.compareTo(MAX_CPUS) > 0) {
        throw NodeException.invalidField(field, "'" + text + "' must be between 0 and " + MAX_CPUS + " CPUs");
      }
      return cpus.multiply(NANOS).longValue();
    } catch (NumberFormatException e) {
      throw NodeException.invalidField(field, "'" + text + "' is not a number of CPUs such as 0.5 or 2");
    }
  }

  /** 0 when blank. */
  public static long memoryBytes(String text, String field) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    try {
      long value = Long.parseLong(digits);
      if (value < 0 || value > (Long.MAX_VALUE >> shift)) {
        throw NodeException.invalidField(field, "'" + text + "' is out of range");
      }
      return value << shift;
    } catch (NumberFormatException e) {
      throw NodeException.invalidField(field, "'" + text + "' is not a memory size such as 512M or 2g");
    }
  }
}
