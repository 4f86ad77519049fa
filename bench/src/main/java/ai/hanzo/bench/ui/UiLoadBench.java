package ai.hanzo.bench.ui;

import ai.hanzo.bench.BenchNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's first load against a local node (IAM off, the process runtime), in Debian's headless chromium
 * with a fresh profile per run (an empty cache): the bytes over the wire (the Resource Timing API's
 * {@code transferSize}: headers and gzip-encoded bodies of the document, every file it loads and the API calls of
 * the first page, and of the {@code /ui/} files alone; the metrics WebSocket is not counted), the same bodies decoded, and the time to interactive, from navigation start to the
 * overview showing the node's state ({@code performance.mark('overview-ready')}, set by the page when its first
 * data has been rendered). Then a reload in the same browser: what revalidation (304s) costs.
 *
 * <p>Usage, from the repository root after {@code mvn -B -o -pl bench -am package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.ui.UiLoadBench [runs]}.
 */
public final class UiLoadBench {
  private static final String TOTALS = "const entries = [performance.getEntriesByType('navigation')[0],"
      + " ...performance.getEntriesByType('resource')];"
      + " return {transfer: entries.reduce((s, e) => s + e.transferSize, 0),"
      + " decoded: entries.reduce((s, e) => s + e.decodedBodySize, 0), files: entries.length,"
      + " assets: entries.filter(e => new URL(e.name).pathname.startsWith('/ui/'))"
      + ".reduce((s, e) => s + e.transferSize, 0),"
      + " ready: performance.getEntriesByName('overview-ready').map(m => m.startTime)[0] || -1,"
      + " domInteractive: performance.getEntriesByType('navigation')[0].domInteractive};";

  private UiLoadBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Files.createTempDirectory("ui-bench");
    try (BenchNode node = BenchNode.start(root.resolve("node"), "--runtime", "process")) {
      node.awaitReady(Duration.ofSeconds(120));
      String url = "http://127.0.0.1:" + node.httpPort() + "/ui/";
      List<Double> tti = new ArrayList<>();
      System.out.printf("%-4s %12s %12s %12s %9s %14s %10s %14s%n", "run", "wire bytes", "of /ui/", "decoded",
          "requests", "interactive ms", "DOM ms", "reload bytes");
      for (int i = 1; i <= runs; i++) {
        ChromeDriver browser = BenchChromium.start(root.resolve("profile-" + i));
        try {
          Map<String, Object> first = load(browser, url);
          browser.navigate().refresh();
          Map<String, Object> reload = awaitReady(browser);
          double ready = ((Number) first.get("ready")).doubleValue();
          tti.add(ready);
          System.out.printf("%-4d %,12d %,12d %,12d %9d %14.0f %10.0f %,14d%n", i,
              ((Number) first.get("transfer")).longValue(), ((Number) first.get("assets")).longValue(),
              ((Number) first.get("decoded")).longValue(), ((Number) first.get("files")).longValue(), ready,
              ((Number) first.get("domInteractive")).doubleValue(), ((Number) reload.get("transfer")).longValue());
        } finally {
          browser.quit();
        }
      }
      Collections.sort(tti);
      System.out.printf("median time to interactive: %.0f ms over %d runs%n", tti.get(tti.size() / 2), runs);
    }
  }

  private static Map<String, Object> load(ChromeDriver browser, String url) {
    browser.get(url);
    return awaitReady(browser);
  }

  /** Resolves once the page has set its mark (a PerformanceObserver, buffered: no polling), with the totals. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitReady(ChromeDriver browser) {
    return (Map<String, Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + " const totals = () => { " + TOTALS + " };"
        + " new PerformanceObserver((list, observer) => { if (list.getEntriesByName('overview-ready').length) {"
        + " observer.disconnect(); done(totals()); } }).observe({type: 'mark', buffered: true});");
  }
}
