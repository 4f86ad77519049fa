package ai.hanzo.node.api.http.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What every dashboard IT does in the browser: sign in with a key, wait for an element or its text. */
final class DashboardBrowser {
  static final Duration WAIT = Duration.ofSeconds(60);

  private DashboardBrowser() {}

  static void signIn(ChromeDriver browser, String base, String key) {
    browser.get(base + "/ui/");
    waitFor(browser, By.id("credential")).sendKeys(key);
    browser.findElement(By.id("sign-in-button")).click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("nav")).isDisplayed());
    assertThat(browser.getCurrentUrl()).doesNotContain(key);
  }

  static WebElement waitFor(ChromeDriver browser, By by) {
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by).isDisplayed());
    return browser.findElement(by);
  }

  static void waitForText(ChromeDriver browser, By by, String text) {
    await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by).getText().contains(text));
  }
}
