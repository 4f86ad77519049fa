package ai.hanzo.node.iam;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a flood of refused authentications from writing one audit record each. Per source address and window (a
 * minute, the period of {@code --iam-failed-auth-limit}), the first {@code perWindow} refusals are recorded one by
 * one; the rest are only counted, and written as one summary per address and window once the window is over (or
 * when the audit is read, so a reader sees the count so far). Memory is bounded: at most {@code maxAddresses}
 * addresses are tracked at a time; refusals from further addresses share one window under {@link #OTHERS}, counted
 * only. Thread-safe.
 */
final class RefusalSummaries {
  /** The address of the summary of refusals from addresses beyond the tracked ones. */
  static final String OTHERS = "*";
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Refusals that were only counted: {@code refused} from {@code address} between {@code from} and {@code until}. */
  record Summary(String address, Instant from, Instant until, long refused, String lastMethod) {}

  private static final class Window {
    final Instant start;
    int recorded;
    long counted;
    Instant countedFrom;
    Instant lastCounted;
    String lastMethod;

    Window(Instant start) {
      this.start = start;
    }
  }

  private final int perWindow;
  private final int maxAddresses;
  /** In order of their window's start, so the ended ones are at the front. */
  private final Map<String, Window> windows = new LinkedHashMap<>();

  RefusalSummaries(int perWindow, int maxAddresses) {
    this.perWindow = perWindow;
    this.maxAddresses = maxAddresses;
  }

  /**
   * Counts one refusal from {@code address}; {@code due} receives the summaries of windows that ended.
   *
   * @return whether to record this refusal on its own (it is within the address's first ones of the window)
   */
  synchronized boolean admit(String address, String method, Instant now, List<Summary> due) {
    endWindows(now, due);
    Window w = windows.get(address);
    if (w == null && windows.size() < maxAddresses) {
      w = new Window(now);
      windows.put(address, w);
    } else if (w == null) {
      // Past the bound nothing more is recorded one by one: the others' window starts with its quota used.
      w = windows.computeIfAbsent(OTHERS, k -> new Window(now));
      w.recorded = perWindow;
    }
    if (w.recorded < perWindow) {
      w.recorded++;
      return true;
    }
    if (w.counted == 0) {
      w.countedFrom = now;
    }
    w.counted++;
    w.lastCounted = now;
    w.lastMethod = method;
    return false;
  }

  /** Every count not yet summarised, ended window or not; the windows go on (their first refusals are used up). */
  synchronized List<Summary> drain(Instant now) {
    List<Summary> due = new ArrayList<>();
    endWindows(now, due);
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      summarise(e.getKey(), e.getValue(), due);
    }
    return due;
  }

  private void endWindows(Instant now, List<Summary> due) {
    Instant cutoff = now.minus(WINDOW);
    for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Window> e = it.next();
      if (e.getValue().start.isAfter(cutoff)) {
        return;
      }
      summarise(e.getKey(), e.getValue(), due);
      it.remove();
    }
  }

  private static void summarise(String address, Window w, List<Summary> due) {
    if (w.counted > 0) {
      due.add(new Summary(address, w.countedFrom, w.lastCounted, w.counted, w.lastMethod));
      w.counted = 0;
    }
  }
}
