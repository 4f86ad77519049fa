package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.Healthcheck;
import ai.hanzo.node.config.Parsers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's health check, parsed and checked once at deploy time, with Docker's defaults (interval 30 s, timeout
 * 30 s, 3 retries, no start period). {@code test} is {@code ["CMD", program, args...]}, {@code ["CMD-SHELL",
 * command]} (run by {@code /bin/sh -c}), {@code ["NONE"]} (no check), or a plain command line, which is CMD-SHELL as
 * in Compose.
 */
record HealthcheckPlan(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_RETRIES = 3;
  private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  /** Empty when the service has no check (none given, an empty test, or NONE). */
  static Optional<HealthcheckPlan> of(Healthcheck h) {
    if (h == null || h.test().isEmpty() || h.test().get(0).equals("NONE")) {
      return Optional.empty();
    }
    List<String> test = h.test();
    List<String> command = switch (test.get(0)) {
      case "CMD" -> test.subList(1, test.size());
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
      default -> List.of("/bin/sh", "-c", String.join(" ", test));
    };
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("test names no command");
    }
    Duration interval = duration(h.interval(), DEFAULT_INTERVAL, "interval");
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least 100ms");
    }
    Duration timeout = duration(h.timeout(), DEFAULT_TIMEOUT, "timeout");
    if (timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be more than 0");
    }
    if (h.retries() < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    int retries = h.retries() == 0 ? DEFAULT_RETRIES : h.retries();
    return Optional.of(new HealthcheckPlan(List.copyOf(command), interval, timeout, retries,
        duration(h.startPeriod(), Duration.ZERO, "start_period")));
  }

  private static Duration duration(String value, Duration fallback, String field) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Parsers.duration(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " '" + value + "' is not a duration such as 30s or 1m30s");
    }
  }
}
