package ai.hanzo.bench.ui;

import ai.hanzo.bench.BenchNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser's memory while the dashboard follows a chatty log (issue 18): a local node (IAM off, the process
 * runtime) runs a container writing {@code lines} lines then sleeping a second, over and over; headless chromium
 * follows its log on {@code /ui/#/logs/chatty} for {@code minutes}. Every {@code sample} seconds, after a forced
 * garbage collection (Chrome DevTools' {@code HeapProfiler.collectGarbage}), it prints the page's JS heap in use
 * and allocated, its DOM nodes and event listeners ({@code Performance.getMetrics}) and the lines the page has
 * received, and the memory of chromium's renderer processes from {@code /proc} ({@link RendererMemory}: Rss and Pss,
 * what the operating system pays, beyond the JS heap). The anchor is the first sample, taken once the page's ring
 * (10,000 lines) is full: a bounded page ends where it started, a leak grows with the lines.
 *
 * <p>Usage, from the repository root after {@code mvn -B -o -pl bench -am package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.ui.LogMemoryBench [minutes] [lines] [sample seconds]}.
 */
public final class LogMemoryBench {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LogMemoryBench() {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int sampleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path root = Files.createTempDirectory("ui-log-memory");
    try (BenchNode node = BenchNode.start(root.resolve("node"), "--runtime", "process")) {
      node.awaitReady(Duration.ofSeconds(120));
      String base = "http://127.0.0.1:" + node.httpPort();
      deploy(base, "while :; do seq " + lines + "; sleep 1; done");
      ChromeDriver browser = BenchChromium.start(root.resolve("profile"));
      try {
        browser.executeCdpCommand("Performance.enable", Map.of());
        browser.get(base + "/ui/#/logs/chatty");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (received(browser) < 10_000) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the page did not fill its ring in 2 minutes");
          }
          Thread.sleep(200); // a driver's polling interval, not a synchronization
        }
        System.out.printf("container: seq %d; sleep 1 (about %d lines/s); sampled every %d s for %d min%n",
            lines, lines, sampleSeconds, minutes);
        System.out.printf("%8s %14s %14s %10s %10s %14s %12s %8s %10s %14s %14s %8s%n", "seconds", "heap used",
            "heap total", "DOM nodes", "listeners", "lines received", "lines/s", "x first", "renderers",
            "renderer RSS", "renderer PSS", "PSS x");
        long start = System.nanoTime();
        long lastReceived = received(browser);
        long lastNanos = start;
        double first = -1;
        double firstPss = -1;
        for (int s = 0; s <= minutes * 60 / sampleSeconds; s++) {
          long due = start + Duration.ofSeconds((long) s * sampleSeconds).toNanos();
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000); // pacing the samples
          }
          browser.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
          Map<String, Double> m = metrics(browser);
          long now = System.nanoTime();
          long got = received(browser);
          double rate = s == 0 ? 0 : (got - lastReceived) / ((now - lastNanos) / 1e9);
          lastReceived = got;
          lastNanos = now;
          double used = m.get("JSHeapUsedSize");
          RendererMemory renderer = RendererMemory.sample();
          if (first < 0) {
            first = used;
            firstPss = renderer.pssBytes();
          }
          System.out.printf("%8d %,14.0f %,14.0f %,10.0f %,10.0f %,14d %,12.0f %8.2f %10d %,14d %,14d %8.2f%n",
              (now - start) / 1_000_000_000L, used, m.get("JSHeapTotalSize"), m.get("Nodes"),
              m.get("JSEventListeners"), got, rate, used / first, renderer.processes(), renderer.rssBytes(),
              renderer.pssBytes(), renderer.pssBytes() / firstPss);
        }
      } finally {
        browser.quit();
        remove(base, "chatty");
      }
    }
  }

  /**
   * Removes the deployment and waits (up to a minute) until its container is gone: the node answers at once and
   * stops it after, and a process-runtime container outlives a node stopped meanwhile.
   */
  private static void remove(String base, String id) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/deployments/" + id)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline && HTTP.send(HttpRequest.newBuilder(URI.create(base
        + "/v1/containers?all=true&deployment=" + id)).build(), HttpResponse.BodyHandlers.ofString()).body()
        .contains("\"id\"")) {
      Thread.sleep(200); // a driver's polling interval, not a synchronization
    }
  }

  private static void deploy(String base, String script) throws Exception {
    String body = "{\"name\": \"chatty\", \"spec\": {\"services\": {\"chatty\": {\"image\": \"process\","
        + " \"command\": [\"sh\", \"-c\", \"" + script + "\"]}}}}";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/deployments"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("deploy failed: " + r.statusCode() + " " + r.body());
    }
  }

  private static long received(ChromeDriver browser) {
    Object v = browser.executeScript("const e = document.getElementById('log-lines');"
        + " return e && e.dataset.received ? Number(e.dataset.received) : 0;");
    return ((Number) v).longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> metrics(ChromeDriver browser) {
    Map<String, Object> answer = browser.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> out = new java.util.HashMap<>();
    for (Map<String, Object> metric : (java.util.List<Map<String, Object>>) answer.get("metrics")) {
      out.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
    }
    return out;
  }
}
