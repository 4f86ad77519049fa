package ai.hanzo.node.api.http;

import ai.hanzo.node.inference.TokenSink;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.stream.StreamWriter;
import java.util.function.Function;

/**
 * Generated text as Server-Sent Events ({@code data: <json>} and a blank line per chunk). The response's headers
 * (200, an event stream) are written only with the first text, or when the generation ends well without any: until
 * then a failure (an upstream that is down, a model unloaded before its turn) can still be answered with its real
 * status and error body, as a unary request would be. Runs on the engine's thread; the writer queues what the client
 * has not read yet (a completion is bounded by the model's context, so that queue is too).
 */
final class SseSink implements TokenSink {
  private final StreamWriter<HttpObject> writer;
  private final Function<String, String> chunk;
  private final Runnable begin;
  private boolean begun;

  /**
   * @param chunk the JSON of the chunk carrying a piece of text
   * @param begin writes the headers and the opening events; run once, before the first text
   */
  SseSink(StreamWriter<HttpObject> writer, Function<String, String> chunk, Runnable begin) {
    this.writer = writer;
    this.chunk = chunk;
    this.begin = begin;
  }

  @Override
  public synchronized void accept(String text) {
    begin();
    event(writer, chunk.apply(text));
  }

  /** Writes the headers unless they are written. */
  synchronized void begin() {
    if (!begun) {
      begun = true;
      begin.run();
    }
  }

  /** Whether the headers are written: the answer is a 200 event stream from now on. */
  synchronized boolean begun() {
    return begun;
  }

  static void event(StreamWriter<HttpObject> writer, String data) {
    writer.tryWrite(HttpData.ofUtf8("data: " + data + "\n\n"));
  }
}
