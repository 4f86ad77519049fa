package ai.hanzo.node.runtime;

import java.time.Instant;

/**
 * Which log lines to deliver: those at or after {@code since} (null = all), of them only the last {@code tail}
 * (0 or negative = all), and with {@code follow} also every new line until the container ends or the subscription
 * is closed.
 */
public record LogQuery(Instant since, int tail, boolean follow) {
  public static final LogQuery ALL = new LogQuery(null, 0, false);
}
