package ai.hanzo.node.cli;

import java.util.Map;
import java.util.Properties;

/**
 * System properties that tune the libraries for a node process, set before any of them is loaded. Each one only
 * fills a gap: a value given on the command line ({@code HANZO_JAVA_OPTS=-D...}) wins.
 */
final class LibraryDefaults {
  static final Map<String, String> DEFAULTS = Map.of(
      // Netty's Java Flight Recorder events: initialising JFR costs a tenth of a second at every start, and
      // nobody records them by default.
      "io.netty.jfr.enabled", "false",
      // The JDK's TLS engine: loading BoringSSL (netty-tcnative) at start costs a third of a second whether or
      // not TLS is configured; the JDK engine serves the API's TLS and mTLS just as well.
      "com.linecorp.armeria.tlsEngineType", "jdk");

  private LibraryDefaults() {}

  static void apply(Properties properties) {
    DEFAULTS.forEach(properties::putIfAbsent);
  }
}
