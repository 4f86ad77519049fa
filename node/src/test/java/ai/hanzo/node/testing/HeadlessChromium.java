package ai.hanzo.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver by Selenium: a real browser for the dashboard's
 * ITs. Both binaries are named explicitly, so Selenium Manager never tries to download one (the machine may have no
 * internet). The flags keep chromium from calling home (without them it floods the log with refused connections).
 * Skips without chromium and chromium-driver, except on CI ({@code CI=true}), where that is a failure.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips (or on CI fails) unless both binaries are installed. */
  public static void require() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message = "chromium and chromium-driver must be installed (apt-get install chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(present).as(message).isTrue();
    } else {
      assumeThat(present).as(message).isTrue();
    }
  }

  /** A fresh browser with a fresh profile in {@code tmp}, its window {@code width} x {@code height}. */
  public static HeadlessChromium start(Path tmp, int width, int height) throws IOException {
    return start(tmp, width, height, null);
  }

  /**
   * As {@link #start(Path, int, int)}, saving downloads in {@code downloads} without asking (chromium's download
   * preferences; headless chromium also needs the DevTools download behaviour set to allow them at all).
   */
  public static HeadlessChromium start(Path tmp, int width, int height, Path downloads) throws IOException {
    require();
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    if (downloads != null) {
      options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
          "download.prompt_for_download", false, "download.directory_upgrade", true));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.manage().window().setSize(new Dimension(width, height));
    if (downloads != null) {
      driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
          "downloadPath", downloads.toString()));
    }
    return new HeadlessChromium(driver, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves what the browser shows as {@code target/ui-screenshots/<name>.png}; returns the file. */
  public Path screenshot(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit(); // also stops chromedriver, which ends chromium
  }
}
