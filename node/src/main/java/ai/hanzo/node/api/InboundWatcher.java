package ai.hanzo.node.api;

import com.linecorp.armeria.common.websocket.WebSocketFrame;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Consumes (and ignores) a client's WebSocket frames and runs {@code onEnd} once when the client goes away. */
final class InboundWatcher implements Subscriber<WebSocketFrame> {
  private final Runnable onEnd;
  private boolean ended;

  InboundWatcher(Runnable onEnd) {
    this.onEnd = onEnd;
  }

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(WebSocketFrame frame) {
    frame.close();
  }

  @Override
  public void onError(Throwable t) {
    end();
  }

  @Override
  public void onComplete() {
    end();
  }

  private void end() {
    if (!ended) {
      ended = true;
      onEnd.run();
    }
  }
}
