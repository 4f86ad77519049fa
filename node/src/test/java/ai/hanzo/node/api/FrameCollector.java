package ai.hanzo.node.api;

import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Collects a WebSocket's text frames and its close frame (status and reason) for assertions. */
final class FrameCollector implements Subscriber<WebSocketFrame> {
  final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  final CountDownLatch ended = new CountDownLatch(1);
  volatile String closeReason;
  volatile int closeCode;

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(WebSocketFrame frame) {
    if (frame.type() == WebSocketFrameType.TEXT) {
      texts.add(frame.text());
    } else if (frame.type() == WebSocketFrameType.CLOSE) {
      var close = (com.linecorp.armeria.common.websocket.CloseWebSocketFrame) frame;
      closeCode = close.status().code();
      closeReason = close.reasonPhrase();
    }
  }

  @Override
  public void onError(Throwable t) {
    ended.countDown();
  }

  @Override
  public void onComplete() {
    ended.countDown();
  }

  String next() throws InterruptedException {
    String text = texts.poll(30, TimeUnit.SECONDS);
    if (text == null) {
      throw new AssertionError("no WebSocket message within 30 s");
    }
    return text;
  }
}
