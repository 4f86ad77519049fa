package ai.hanzo.node.api.http.ui;

import static ai.hanzo.node.api.http.ui.DashboardSession.WAIT;
import static ai.hanzo.node.api.http.ui.DashboardSession.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.Anvil;
import ai.hanzo.node.chain.AnvilControl;
import ai.hanzo.node.chain.Contracts;
import ai.hanzo.node.testing.HeadlessChromium;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The overview's chain status against a real chain: anvil (from the repo's contracts lock file, on a free port,
 * automine only, so blocks come when the test mines them) and a node following it with {@code --chain-rpc}. The
 * page shows anvil's chain id and a head that advances with {@code evm_mine}; with anvil stopped, the node's health
 * turns DEGRADED, the chain NOT synced, and the chain check says why. The page is opened once: the overview
 * refreshes its facts itself, in place (the chart, its samples and the keyboard focus stay). Anvil and the node are
 * stopped even on failure.
 */
class DashboardChainIT {
  private static final Pattern BLOCK = Pattern.compile("block (\\d+)");

  @Test
  void theOverviewShowsARealChainItsAdvancingHeadAndTheDegradedStateWithoutIt(@TempDir Path tmp) throws Exception {
    HeadlessChromium.require();
    Contracts.assumeAvailable();
    Anvil anvil = Anvil.start();
    try (DashboardSession session = DashboardSession.start(tmp, List.of("viewer"), dataDir -> { },
        "--runtime", "process", "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
        "--chain-confirmations", "0", "--chain-poll-interval", "200ms", "--chain-max-lag", "10m");
        HeadlessChromium chromium = session.signedIn("viewer", 1280, 800)) {
      ChromeDriver browser = chromium.driver();
      AnvilControl control = new AnvilControl(anvil);
      control.mine();
      String synced = "network " + anvil.chainId() + " · block ";
      long first = height(await("the real chain on the overview").atMost(WAIT).ignoreExceptions()
          .until(() -> chainFact(browser), text -> text.startsWith(synced) && text.endsWith(" · synced")
              && height(text) >= 1));
      assertThat(browser.findElement(By.id("node-health")).getText()).isEqualTo("HEALTHY");
      // From here on the page is never reloaded: a mark on the window (a reload drops it), the very elements of the
      // chain fact and the chart, and the keyboard focus on a nav link (one a viewer sees: hidden ones take no
      // focus) must all be there at the end.
      browser.executeScript("window.notReloaded = true;"
          + " window.chainFact = document.getElementById('node-chain');"
          + " window.chart = document.querySelector('#main svg');"
          + " document.querySelector('#nav a[href=\"#/deployments\"]').focus();");
      assertThat(browser.executeScript("return document.activeElement.getAttribute('href')"))
          .as("a link a viewer sees has the focus").isEqualTo("#/deployments");
      int samples = samples(browser);

      for (int i = 0; i < 3; i++) {
        control.mine();
      }
      await("the head advances as anvil mines, without a reload").atMost(WAIT).ignoreExceptions()
          .until(() -> height(chainFact(browser)) >= first + 3);
      chromium.screenshot("overview-chain");

      anvil.close();
      await("DEGRADED once the chain RPC is gone, without a reload").atMost(WAIT).ignoreExceptions()
          .until(() -> chainFact(browser).endsWith("NOT synced")
              && browser.findElement(By.id("node-health")).getText().equals("DEGRADED"));
      await("the chain check says why").atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(
          By.cssSelector("#health-checks tr[data-check='chain']")).getText(),
          row -> row.contains("DEGRADED") && row.contains("the chain RPC does not answer"));
      assertThat(browser.executeScript("return window.notReloaded === true")).as("no reload").isEqualTo(true);
      assertThat(browser.executeScript("return window.chainFact === document.getElementById('node-chain')"))
          .as("the chain fact updated in place").isEqualTo(true);
      assertThat(browser.executeScript("return window.chart === document.querySelector('#main svg')"))
          .as("the chart not redrawn").isEqualTo(true);
      assertThat(browser.executeScript("return document.activeElement.getAttribute('href')"))
          .as("the focus kept").isEqualTo("#/deployments");
      assertThat(samples(browser)).as("the chart kept its samples").isGreaterThan(samples);
      assertThat(browser.findElement(By.id("overview-updated")).getText()).startsWith("Refreshed at");
      chromium.screenshot("overview-chain-down");
    } finally {
      anvil.close();
    }
  }

  /** What the overview shows of the chain now; the page refreshes its facts itself every 5 s. */
  private static String chainFact(ChromeDriver browser) {
    return waitFor(browser, By.id("node-chain")).getText();
  }

  /** The metrics chart's samples so far (a reload or a redraw of the chart would start again from none). */
  private static int samples(ChromeDriver browser) {
    Object n = browser.executeScript("return Number(document.getElementById('main').dataset.samples || 0)");
    return ((Number) n).intValue();
  }

  private static long height(String chain) {
    Matcher m = BLOCK.matcher(chain);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
