package ai.hanzo.node.runtime;

/** Stable error codes of the runtime layer; callers map them to API status codes. */
public enum RuntimeErrorCode {
  /** No container (or image) with that id or name. */
  NOT_FOUND,
  /** The spec asks for something invalid or that this runtime cannot honour. */
  INVALID_SPEC,
  /** The runtime cannot work on this host (binary missing, no permission, ...). */
  UNAVAILABLE,
  /** The container's current state forbids the call (name taken, removing a running container, ...). */
  CONFLICT,
  /** A file, pipe or child process failed. */
  IO,
  /** A call did not finish in time. */
  TIMEOUT
}
