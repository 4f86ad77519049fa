package ai.hanzo.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The node's version and the git commit it was built from, as stamped into the jar by the build. */
public record NodeVersion(String version, String commit) {
  public static NodeVersion current() {
    Properties p = new Properties();
    try (InputStream in = NodeVersion.class.getResourceAsStream("/hanzo-node-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource only costs us the version string.
    }
    return new NodeVersion(clean(p.getProperty("version")), clean(p.getProperty("commit")));
  }

  /** {@code hanzo-node/0.1.0}: the libp2p agent string and the User-Agent of the CLI client. */
  public String agent() {
    return "hanzo-node/" + version;
  }

  private static String clean(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
