package ai.hanzo.node.cli;

import ai.hanzo.node.config.NodeVersion;
import java.io.PrintStream;

/** Where the CLI writes, and whether a person is watching (the banner is only for them). */
record Terminal(PrintStream out, PrintStream err, boolean isInteractive) {
  static Terminal system() {
    return new Terminal(System.out, System.err, System.console() != null);
  }

  void printBanner(NodeVersion version) {
    Banner.print(out, version);
  }
}
