package ai.hanzo.bench.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory of chromium's renderer processes as Linux counts it, read from {@code /proc}: DevTools reports only
 * the page's JS heap, while the renderer also holds the DOM, layout, compiled code and V8's reserve. The renderers are
 * the descendants of this JVM (chromedriver, then chromium) started with {@code --type=renderer}; for each,
 * {@code /proc/<pid>/smaps_rollup} gives its resident set (Rss) and its proportional share of shared pages (Pss, which
 * sums to the memory the renderers cost together).
 */
record RendererMemory(int processes, long rssBytes, long pssBytes, long largestPssBytes) {

  static RendererMemory sample() {
    List<Long> renderers = ProcessHandle.current().descendants().map(ProcessHandle::pid)
        .filter(RendererMemory::isRenderer).toList();
    long rss = 0;
    long pss = 0;
    long largest = 0;
    int counted = 0;
    for (long pid : renderers) {
      long[] kb = rollup(pid);
      if (kb == null) {
        continue; // ended between the listing and the read
      }
      counted++;
      rss += kb[0] * 1024;
      pss += kb[1] * 1024;
      largest = Math.max(largest, kb[1] * 1024);
    }
    return new RendererMemory(counted, rss, pss, largest);
  }

  private static boolean isRenderer(long pid) {
    try {
      String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
      return cmdline.contains("--type=renderer");
    } catch (IOException e) {
      return false;
    }
  }

  /** Rss and Pss in kB, or null when the process is gone. */
  private static long[] rollup(long pid) {
    try {
      long rss = -1;
      long pss = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Rss:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("Pss:")) {
          pss = kilobytes(line);
        }
      }
      return rss < 0 || pss < 0 ? null : new long[] {rss, pss};
    } catch (IOException e) {
      return null;
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
