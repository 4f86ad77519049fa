package ai.hanzo.node.api.http;

import ai.hanzo.node.inference.TokenSink;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.stream.StreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generated text as Server-Sent Events ({@code data: <json>} and a blank line per chunk). An HTTP response must
 * begin with its headers, but the engine may produce text as soon as the generation is queued, before the route
 * knows the request was accepted and has written them: text until {@link #open()} is held here, then sent in order.
 * Runs on the engine's thread; the writer queues what the client has not read yet (a completion is bounded by the
 * model's context, so that queue is too).
 */
final class SseSink implements TokenSink {
  private final StreamWriter<HttpObject> writer;
  private final Function<String, String> chunk;
  private List<String> held = new ArrayList<>();

  /** @param chunk the JSON of the chunk carrying a piece of text */
  SseSink(StreamWriter<HttpObject> writer, Function<String, String> chunk) {
    this.writer = writer;
    this.chunk = chunk;
  }

  @Override
  public synchronized void accept(String text) {
    if (held != null) {
      held.add(text);
    } else {
      event(writer, chunk.apply(text));
    }
  }

  /** Sends what was held; from now on text goes out as it comes. Call once the headers are written. */
  synchronized void open() {
    List<String> pending = held;
    held = null;
    for (String text : pending) {
      event(writer, chunk.apply(text));
    }
  }

  static void event(StreamWriter<HttpObject> writer, String data) {
    writer.tryWrite(HttpData.ofUtf8("data: " + data + "\n\n"));
  }
}
