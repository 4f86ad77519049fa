package ai.hanzo.node.cli;

import ai.hanzo.node.config.NodeVersion;
import java.io.InputStream;
import java.io.PrintStream;

/** Where the CLI reads and writes, and whether a person is watching (the banner is only for them). */
record Terminal(PrintStream out, PrintStream err, InputStream in, boolean isInteractive) {
  /** A terminal with nothing to read. */
  Terminal(PrintStream out, PrintStream err, boolean isInteractive) {
    this(out, err, InputStream.nullInputStream(), isInteractive);
  }

  static Terminal system() {
    return new Terminal(System.out, System.err, System.in, System.console() != null);
  }

  void printBanner(NodeVersion version) {
    Banner.print(out, version);
  }
}
