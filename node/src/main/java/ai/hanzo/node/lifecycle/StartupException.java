package ai.hanzo.node.lifecycle;

/** A service failed to start (or timed out); the services started before it have been stopped again. */
public final class StartupException extends Exception {
  private final String service;

  public StartupException(String service, Throwable cause) {
    super("service '" + service + "' failed to start: " + describe(cause), cause);
    this.service = service;
  }

  public String service() {
    return service;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
