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
 * turns DEGRADED, the chain NOT synced, and the chain check says why. Anvil and the node are stopped even on failure.
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
          .until(() -> chainFact(browser, session), text -> text.startsWith(synced) && text.endsWith(" · synced")
              && height(text) >= 1));
      assertThat(browser.findElement(By.id("node-health")).getText()).isEqualTo("HEALTHY");

      for (int i = 0; i < 3; i++) {
        control.mine();
      }
      await("the head advances as anvil mines").atMost(WAIT).ignoreExceptions()
          .until(() -> height(chainFact(browser, session)) >= first + 3);
      chromium.screenshot("overview-chain");

      anvil.close();
      await("DEGRADED once the chain RPC is gone").atMost(WAIT).ignoreExceptions()
          .until(() -> chainFact(browser, session).endsWith("NOT synced")
              && browser.findElement(By.id("node-health")).getText().equals("DEGRADED"));
      assertThat(browser.findElement(By.cssSelector("#health-checks tr[data-check='chain']")).getText())
          .contains("DEGRADED").contains("the chain RPC does not answer");
      chromium.screenshot("overview-chain-down");
    } finally {
      anvil.close();
    }
  }

  /** The overview loads once per visit: each look opens it afresh, as an operator reloading it would. */
  private static String chainFact(ChromeDriver browser, DashboardSession session) {
    browser.navigate().refresh();
    return waitFor(browser, By.id("node-chain")).getText();
  }

  private static long height(String chain) {
    Matcher m = BLOCK.matcher(chain);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
