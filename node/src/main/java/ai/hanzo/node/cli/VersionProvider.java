package ai.hanzo.node.cli;

import ai.hanzo.node.config.NodeVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code hanzo-node --version}: version, git commit and the JDK it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    NodeVersion v = NodeVersion.current();
    return new String[] {
      "hanzo-node " + v.version(),
      "commit " + v.commit(),
      "JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
