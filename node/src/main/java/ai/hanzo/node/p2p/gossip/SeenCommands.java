package ai.hanzo.node.p2p.gossip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command ids this node has acted on (executed or refused), each kept until its command expires, in a file of the
 * data directory so that a restart does not reopen the replay window. Commands are rare, so the whole file is
 * rewritten (atomically) on each new id. At most {@link #CAPACITY} ids: beyond, new commands are refused rather
 * than forgetting unexpired ones.
 */
public final class SeenCommands {
  private static final Logger log = LoggerFactory.getLogger(SeenCommands.class);
  public static final String FILE = "p2p-seen-commands";
  static final int CAPACITY = 10_000;

  private final Path file;
  private final Clock clock;
  private final Map<String, Instant> seen = new HashMap<>();

  public SeenCommands(Path dataDir, Clock clock) {
    this.file = dataDir.resolve(FILE);
    this.clock = clock;
    load();
  }

  public synchronized boolean contains(String commandId) {
    return seen.containsKey(commandId);
  }

  /** Remembers {@code commandId}; false when it was seen before or there is no room. */
  public synchronized boolean add(String commandId, Instant expiresAt) {
    Instant now = clock.instant();
    seen.values().removeIf(expiry -> expiry.isBefore(now));
    if (seen.containsKey(commandId) || seen.size() >= CAPACITY) {
      return false;
    }
    seen.put(commandId, expiresAt);
    save();
    return true;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        if (space > 0) {
          try {
            seen.put(line.substring(space + 1), Instant.ofEpochMilli(Long.parseLong(line.substring(0, space))));
          } catch (NumberFormatException e) {
            log.warn("Skipping a damaged line of {}: {}", file, line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seen command ids in " + file, e);
    }
  }

  private void save() {
    List<String> lines = new ArrayList<>(seen.size());
    seen.forEach((id, expiry) -> lines.add(expiry.toEpochMilli() + " " + id));
    try {
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the seen command ids in " + file, e);
    }
  }
}
