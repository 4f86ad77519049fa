package ai.hanzo.node.runtime;

/** Which output stream of a container a log line came from. */
public enum LogStream {
  STDOUT,
  STDERR;

  public String wireName() {
    return this == STDOUT ? "stdout" : "stderr";
  }
}
