package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The exec terminal in a real headless chromium against a real node (IAM on, the process runtime): from a
 * deployment's container, run a shell over /ws/exec, type a command, read what the shell computed, end stdin and
 * see the exit code; a viewer is offered no Exec link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardExecIT {
  private DashboardSession session;

  @BeforeAll
  void startNodeWithADeployment(@TempDir Path dir) throws Exception {
    session = DashboardSession.onTheProcessRuntime(dir, "operator", "viewer");
    session.deployShell("operator", "shell", "box", "while :; do sleep 1; done");
    await().atMost(WAIT).until(() -> session.api("operator", "GET", "/v1/deployments/shell", null).body()
        .contains("\"readyReplicas\": 1"));
  }

  @AfterAll
  void stopNode() throws Exception {
    if (session != null) {
      try {
        session.remove("operator", "shell");
      } finally {
        session.close();
      }
    }
  }

  @Test
  void anOperatorRunsAShellInAContainerFromTheDeploymentPage() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("operator", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/deployments/shell");
      waitFor(browser, By.cssSelector("#containers-body .exec-link")).click();
      await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("#/exec/"));

      waitFor(browser, By.id("exec-start")).click();
      WebElement input = waitFor(browser, By.id("exec-input"));
      await().atMost(WAIT).until(input::isEnabled);
      input.sendKeys("echo product-$((6 * 7))" + Keys.ENTER);
      waitForText(browser, By.id("exec-output"), "product-42"); // the shell computed it: not the typed echo
      input.sendKeys("exit 3" + Keys.ENTER);
      waitForText(browser, By.id("exec-exit"), "exited with 3");
      chromium.screenshot("exec");

      // Stdin ended from the page: cat sees the end and exits 0.
      WebElement command = browser.findElement(By.id("exec-command"));
      command.clear();
      command.sendKeys("cat");
      browser.findElement(By.id("exec-start")).click();
      await().atMost(WAIT).until(input::isEnabled);
      input.sendKeys("echoed back" + Keys.ENTER);
      await().atMost(WAIT).until(() -> browser.findElement(By.id("exec-output")).getText()
          .split("echoed back", -1).length - 1 == 2); // the page's echo of the line, and cat's
      browser.findElement(By.id("exec-eof")).click();
      waitForText(browser, By.id("exec-exit"), "exited with 0");
    }
  }

  @Test
  void aViewerIsOfferedNoExecLink() throws Exception {
    try (HeadlessChromium chromium = session.signedIn("viewer", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(session.base() + "/ui/#/deployments/shell");
      waitForText(browser, By.id("containers-body"), "shell");
      assertThat(browser.findElements(By.cssSelector("#containers-body .exec-link"))).isEmpty();
    }
  }
}
