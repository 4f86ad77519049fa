package ai.hanzo.node.runtime;

/**
 * Where a runtime reports what it could not do without failing the call (e.g. limits the host does not allow), so
 * the caller can turn it into an event.
 */
@FunctionalInterface
public interface RuntimeWarnings {
  RuntimeWarnings NONE = (containerId, message) -> { };

  void warn(String containerId, String message);
}
