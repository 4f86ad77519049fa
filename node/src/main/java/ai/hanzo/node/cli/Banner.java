package ai.hanzo.node.cli;

import ai.hanzo.node.config.NodeVersion;
import java.io.PrintStream;

/** The start-up banner, shown only to a person at a terminal. */
final class Banner {
  private static final String ART = String.join("\n",
      "  _                                                  _",
      " | |__   __ _ _ __  _______    _ __   ___   __| | ___",
      " | '_ \\ / _` | '_ \\|_  / _ \\  | '_ \\ / _ \\ / _` |/ _ \\",
      " | | | | (_| | | | |/ / (_) | | | | | (_) | (_| |  __/",
      " |_| |_|\\__,_|_| |_/___\\___/  |_| |_|\\___/ \\__,_|\\___|",
      "");

  private Banner() {}

  static void print(PrintStream out, NodeVersion version) {
    out.println(ART);
    out.println(" " + version.agent() + " (" + version.commit() + ")");
    out.println();
  }
}
