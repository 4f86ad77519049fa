package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The log page under a container writing 20,000 lines a second (the real process runtime), twice the 10,000 lines a
 * second issue 18 names: the page keeps taking them, stays responsive (animation frames keep coming), and what it
 * holds is bounded: the ring keeps the last 10,000 lines and the DOM only the rows in sight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLogsIT {
  /**
   * 20,000 lines, then a pause of a second: more than the target, so what is measured is the page and the node's
   * log follow, not the container. Before the follow woke its file reader when the client caught up (it waited for
   * the next 50 ms poll instead), the page took 7.1-7.5 k lines/s from this.
   */
  private static final String CHATTY = "while :; do seq 20000; sleep 1; done";
  /**
   * Half the 10,000: the rate itself is a benchmark figure (bench/RESULTS.md, 11-15 k lines/s on a loaded
   * 2-core machine); this floor only catches a follow that falls back to one queue per poll, on any CI machine.
   */
  private static final double FLOOR_LINES_PER_SECOND = 5_000;
  private static final int RING = 10_000;
  private static final Pattern MESSAGE = Pattern.compile("\"message\": ?\"([^\"]*)\"");

  private DashboardSession session;

  @BeforeAll
  void startNode(@TempDir Path dir) throws Exception {
    session = DashboardSession.onTheProcessRuntime(dir, "operator");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      try {
        session.remove("operator", "chatty");
      } finally {
        session.close();
      }
    }
  }

  @Test
  void tenThousandLinesASecondKeepThePageResponsiveAndItsDomBounded() throws Exception {
    session.deployShell("operator", "chatty", "chatty", CHATTY);
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/logs/chatty");
      await().atMost(WAIT).ignoreExceptions().until(() -> received(browser) > RING);

      // Keeping up: over at least three seconds, the page takes the lines well above a poll-bound follow's rate.
      long fromLines = received(browser);
      long fromNanos = System.nanoTime();
      await().atMost(WAIT).until(() -> received(browser) >= fromLines + 30_000);
      double perSecond = (received(browser) - fromLines) / ((System.nanoTime() - fromNanos) / 1e9);
      System.out.printf("DashboardLogsIT: %.0f lines/s received by the page%n", perSecond);
      assertThat(perSecond).as("lines a second the page took").isGreaterThanOrEqualTo(FLOOR_LINES_PER_SECOND);

      // Responsive meanwhile: the gaps between animation frames over two seconds.
      @SuppressWarnings("unchecked")
      List<Number> gaps = (List<Number>) browser.executeAsyncScript(
          "const done = arguments[arguments.length - 1]; const gaps = []; let last = performance.now();"
          + "const end = last + 2000; function frame(t) { gaps.push(t - last); last = t;"
          + " if (t < end) requestAnimationFrame(frame); else done(gaps); } requestAnimationFrame(frame);");
      double[] sorted = gaps.stream().mapToDouble(Number::doubleValue).sorted().toArray();
      double p95 = sorted[(int) (sorted.length * 0.95)];
      System.out.printf("DashboardLogsIT: %d frames in 2 s, p95 gap %.1f ms, worst %.1f ms%n", sorted.length, p95,
          sorted[sorted.length - 1]);
      assertThat(sorted.length).as("frames drawn in two seconds").isGreaterThan(20);
      assertThat(p95).as("95th percentile of the gaps between frames, ms").isLessThan(200);

      // Bounded: the ring holds the last 10,000 lines; the page only the rows in sight (one text node).
      waitForText(browser, By.id("log-count"), RING + " lines (");
      assertThat(browser.executeScript("return document.getElementById('log-lines').getElementsByTagName('*').length"))
          .as("elements in the log view").isEqualTo(2L);
      long shown = (Long) browser.executeScript(
          "return document.querySelector('#log-lines .log-window').textContent.split('\\n').length");
      assertThat(shown).as("rows in the page").isBetween(20L, 80L);
      chromium.screenshot("logs-chatty");

      // Scrolled up, the reader stays where they are while lines keep arriving; paused, the rows stay as they are.
      browser.executeScript("document.getElementById('log-lines').scrollTop = 0");
      long before = received(browser);
      await().atMost(WAIT).until(() -> received(browser) > before + 5_000);
      assertThat((Long) browser.executeScript("return document.getElementById('log-lines').scrollTop"))
          .as("scroll position after more lines came").isLessThan(200L);
      browser.findElement(By.id("log-pause")).click();
      String frozen = window(browser);
      long pausedAt = received(browser);
      await().atMost(WAIT).until(() -> received(browser) > pausedAt + 5_000);
      assertThat(window(browser)).isEqualTo(frozen);
    }
  }

  @Test
  void downloadSavesTheLinesOfTheDeploymentAsAFile() throws Exception {
    Path downloads = Files.createDirectories(session.tmp().resolve("downloads"));
    session.deployShell("operator", "quiet", "web",
        "i=1; while [ $i -le 150 ]; do echo \"line $i of quiet\"; i=$((i+1)); done; exec sleep 300");
    try {
      // The deployment's output as the node keeps it: 150 lines, in order.
      String api = await().atMost(WAIT).until(() -> session.api("operator", "GET",
          "/v1/deployments/quiet/logs?tail=1000", null).body(), body -> body.contains("line 150 of quiet"));
      List<String> output = MESSAGE.matcher(api).results().map(m -> m.group(1)).filter(m -> m.startsWith("line "))
          .toList();
      assertThat(output).containsExactlyElementsOf(
          IntStream.rangeClosed(1, 150).mapToObj(i -> "line " + i + " of quiet").toList());
      try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800, downloads)) {
        ChromeDriver browser = chromium.driver();
        browser.get(session.base() + "/ui/#/logs/quiet");
        waitForText(browser, By.id("log-count"), "150 lines");
        browser.findElement(By.id("log-download")).click();
        Path saved = downloads.resolve("quiet.log");
        // Chromium writes a .crdownload and renames it once complete.
        await().atMost(WAIT).until(() -> Files.exists(saved) && !hasPartial(downloads));
        assertThat(Files.readAllLines(saved)).as("the saved file, line by line")
            .containsExactlyElementsOf(output.stream().map(line -> "web | " + line).toList());
      }
    } finally {
      session.remove("operator", "quiet");
    }
  }

  private static boolean hasPartial(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
    }
  }

  private static long received(ChromeDriver browser) {
    String value = browser.findElement(By.id("log-lines")).getAttribute("data-received");
    return value == null ? 0 : Long.parseLong(value);
  }

  private static String window(ChromeDriver browser) {
    return (String) browser.executeScript("return document.querySelector('#log-lines .log-window').textContent");
  }
}
