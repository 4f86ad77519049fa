package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.StreamHandle;

/**
 * A stream being opened off the event loop while its client may already be gone: whichever of
 * {@link #opened} and {@link #cancel} comes second closes the stream, so it is released exactly once either way.
 */
final class OpeningStream {
  private StreamHandle handle;
  private boolean cancelled;

  /** The stream is open; false (and it is closed) when the client left meanwhile. */
  synchronized boolean opened(StreamHandle opened) {
    if (cancelled) {
      opened.cancel();
      return false;
    }
    handle = opened;
    return true;
  }

  /** The client left: closes the stream if it is open, or else as soon as it is. Idempotent. */
  void cancel() {
    StreamHandle open;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      open = handle;
    }
    if (open != null) {
      open.cancel();
    }
  }
}
