package ai.hanzo.node.api.http;

import com.linecorp.armeria.common.websocket.WebSocketCloseStatus;
import com.linecorp.armeria.common.websocket.WebSocketFrame;
import com.linecorp.armeria.common.websocket.WebSocketFrameType;
import com.linecorp.armeria.common.websocket.WebSocketWriter;
import com.linecorp.armeria.server.websocket.WebSocketProtocolViolationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Consumes (and ignores) a client's WebSocket frames; when the client goes away it runs {@code release} once and
 * closes our side. A text frame that is not UTF-8 fails the connection with 1007 (RFC 6455 8.1), which Armeria's
 * decoder leaves to the application.
 */
final class InboundWatcher implements Subscriber<WebSocketFrame> {
  private final WebSocketWriter out;
  private final Runnable release;
  private boolean ended;

  InboundWatcher(WebSocketWriter out, Runnable release) {
    this.out = out;
    this.release = release;
  }

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(WebSocketFrame frame) {
    try (frame) {
      if (!isWellFormedText(frame) && !ended) {
        // Our close frame first: cancelling the inbound side would have Armeria close with 1011 instead.
        ended = true;
        closeInvalidText(out);
        release.run();
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    if (!ended) {
      ended = true;
      release.run();
      closeAfter(out, t);
    }
  }

  @Override
  public void onComplete() {
    onError(null);
  }

  /** False for a text frame whose bytes are not UTF-8; every other frame is fine here. */
  static boolean isWellFormedText(WebSocketFrame frame) {
    if (frame.type() != WebSocketFrameType.TEXT) {
      return true;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(frame.array()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static void closeInvalidText(WebSocketWriter out) {
    if (out.isOpen()) {
      out.close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "a text frame was not UTF-8");
    }
  }

  /**
   * Closes our side after the client's stream ended: with the status of a protocol violation the decoder found
   * (1002, 1009...), normally otherwise (a client that went away reads nothing more anyway).
   */
  static void closeAfter(WebSocketWriter out, Throwable cause) {
    if (!out.isOpen()) {
      return;
    }
    if (cause instanceof WebSocketProtocolViolationException violation) {
      out.close(violation.closeStatus(), StreamRoutes.truncate(violation.getMessage()));
    } else {
      out.close();
    }
  }
}
