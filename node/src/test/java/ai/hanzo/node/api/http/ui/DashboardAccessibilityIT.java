package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's accessibility on every page (names, keyboard focus, contrast: {@link AccessibilityAudit}), its
 * pages on a phone-sized screen, an expiring bearer token, the audit trail's paging and Stop, in headless chromium against a real node (IAM on,
 * a clock skew of 1 s so a token can expire during the test, the process runtime).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAccessibilityIT {
  private static final String APP = "a11y";
  private DashboardSession session;

  @BeforeAll
  void startNode(@TempDir Path dir) throws Exception {
    session = DashboardSession.start(dir, List.of("admin", "operator"), dataDir -> { },
        "--runtime", "process", "--iam-clock-skew", "1s");
    session.deployShell("admin", APP, "web", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.5; done");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  /** Each page by its fragment, with an element that says it has drawn its data. */
  private List<String[]> pages(ChromeDriver browser) {
    browser.get(session.base() + "/ui/#/deployments/" + APP);
    waitForText(browser, By.id("deployment-ready"), "1 / 1");
    String exec = waitFor(browser, By.cssSelector("#containers-body .exec-link")).getAttribute("href");
    return List.of(new String[] {"#/overview", "node-health"}, new String[] {"#/deployments", "deployments-body"},
        new String[] {"#/deployments/" + APP, "replicas-body"}, new String[] {"#/logs/" + APP, "log-lines"},
        new String[] {exec.substring(exec.indexOf('#')), "exec-command"}, new String[] {"#/network", "peers-body"},
        new String[] {"#/models", "main"}, new String[] {"#/events", "events-state"},
        new String[] {"#/audit", "audit-body"});
  }

  @Test
  void everyPageNamesItsControlsReachesThemByTabShowsFocusAndKeepsTextContrastAtLeastAa() throws Exception {
    List<String> problems = new ArrayList<>();
    try (HeadlessChromium chromium = session.browser(1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/");
      waitFor(browser, By.id("credential"));
      problems.addAll(AccessibilityAudit.problems(browser, "sign-in"));
      DashboardSession.signIn(browser, session.base(), session.key("admin"));
      for (String[] page : pages(browser)) {
        browser.get(session.base() + "/ui/" + page[0]);
        waitFor(browser, By.id(page[1]));
        problems.addAll(AccessibilityAudit.problems(browser, page[0]));
      }
      chromium.screenshot("accessibility-audit");
    }
    assertThat(problems).isEmpty();
    // Every page, its streams and an exec page later, the key is nowhere in the node's log.
    assertThat(session.nodeOutput()).doesNotContain(session.key("admin"));
  }

  @Test
  void onAPhoneEveryPageFitsTheScreenWidth() throws Exception {
    List<String> overflowing = new ArrayList<>();
    try (HeadlessChromium chromium = session.signedIn("admin", 390, 844)) {
      ChromeDriver browser = chromium.driver();
      for (String[] page : pages(browser)) {
        browser.get(session.base() + "/ui/" + page[0]);
        waitFor(browser, By.id(page[1]));
        Object widths = browser.executeScript("const w = document.documentElement.clientWidth; return ["
            + "document.documentElement.scrollWidth, w, [...document.body.querySelectorAll('*')].filter((e) =>"
            + " e.getBoundingClientRect().right > w + 1 && !e.closest('.table')).slice(-3).map((e) => e.tagName"
            + " + '#' + e.id + '.' + e.className).join(', ')]");
        @SuppressWarnings("unchecked")
        List<Object> w = (List<Object>) widths;
        if ((Long) w.get(0) > (Long) w.get(1)) {
          overflowing.add(page[0] + " is " + w.get(0) + " px wide on a " + w.get(1) + " px screen: " + w.get(2));
        }
      }
      browser.get(session.base() + "/ui/#/deployments/" + APP);
      waitForText(browser, By.id("deployment-ready"), "1 / 1");
      chromium.screenshot("deployment-phone");
    }
    assertThat(overflowing).isEmpty();
  }

  @Test
  void aBearerTokenThatExpiresWhileThePageIsOpenSendsItBackToSignInSayingSo() throws Exception {
    try (HeadlessChromium chromium = session.browser(1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/");
      // Minted once the form is up (a browser can take seconds to start on a busy machine), to expire soon after.
      String token = IamNodeFixture.token("it-expiring", "viewer", Duration.ofSeconds(10));
      waitFor(browser, By.id("credential")).sendKeys(token);
      browser.findElement(By.cssSelector("#credential-kind option[value='bearer']")).click();
      browser.findElement(By.id("sign-in-button")).click();
      waitFor(browser, By.id("nav"));
      assertThat(browser.getCurrentUrl()).doesNotContain(token);
      browser.get(session.base() + "/ui/#/deployments");
      waitFor(browser, By.id("deployments-body"));
      // The list refreshes every 2 s; once the token is past exp (+1 s skew) the node answers 401.
      waitForText(browser, By.id("sign-in"), "UNAUTHENTICATED");
      assertThat(browser.findElement(By.id("sign-in")).getText()).contains("expired");
      assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
      assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
      chromium.screenshot("token-expired");
      assertThat(session.nodeOutput()).doesNotContain(token);
    }
  }

  @Test
  void anAdminPagesThroughTheAuditTrailFiftyRecordsAtATime() throws Exception {
    for (int i = 0; i < 60; i++) {
      assertThat(session.api("operator", "GET", "/v1/audit", null).statusCode()).isEqualTo(403);
    }
    String first = session.api("admin", "GET", "/v1/audit?limit=50", null).body();
    assertThat(first).as("more than one page of records").contains("\"nextPageToken\": \"");
    try (HeadlessChromium chromium = session.signedIn("admin", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/audit");
      await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("#audit-body tr")).size() == 50);
      waitFor(browser, By.id("audit-more")).click();
      await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("#audit-body tr")).size() > 50);
      // The second page is appended under the first; the denied calls above are in the trail as DENIED.
      assertThat(browser.findElement(By.id("audit-body")).getText()).contains("DENIED");
      chromium.screenshot("audit-second-page");
    }
  }

  @Test
  void anOperatorStopsADeploymentAndThePageShowsItStopped() throws Exception {
    session.deployShell("operator", "stoppable", "web", "while :; do sleep 1; done");
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/deployments/stoppable");
      waitForText(browser, By.id("deployment-ready"), "1 / 1");
      browser.findElement(By.id("stop")).click();
      waitForText(browser, By.id("action-result"), "Stop accepted.");
      waitForText(browser, By.id("deployment-status"), "stopped");
      await().atMost(WAIT).until(() -> session.api("operator", "GET", "/v1/deployments/stoppable", null).body()
          .contains("\"status\": \"stopped\""));
      chromium.screenshot("deployment-stopped");
      // Uptime on the overview, while we are here: minutes and seconds since the node started.
      browser.get(session.base() + "/ui/#/overview");
      await().atMost(WAIT).ignoreExceptions().until(() ->
          browser.findElement(By.id("node-uptime")).getText().matches("(\\d+d )?(\\d+h )?\\d+m \\d+s"));
    } finally {
      session.remove("operator", "stoppable");
    }
  }
}
