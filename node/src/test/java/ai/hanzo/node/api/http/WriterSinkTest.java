package ai.hanzo.node.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer may end while it is being opened, before the response's headers are written (a placed deployment's
 * node refusing at once): the end waits for {@link WriterSink#start()}, and a failure is offered to the caller first
 * so it can answer with the failure's own status. (Before, such an end closed the response or wrote data ahead of
 * its headers, and the client got a 500.)
 */
class WriterSinkTest {
  private final HttpResponseWriter response = HttpResponse.streaming();
  private final List<NodeException> failures = new ArrayList<>();
  private final WriterSink<HttpObject, LogEntry> sink = new WriterSink<>(response, HttpData::ofUtf8, failures::add);

  @Test
  void aFailureBeforeStartIsHeldAndOfferedToTheCaller() {
    NodeException refused = new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "too many streams");
    sink.fail(refused);
    assertThat(failures).isEmpty();
    assertThat(response.isOpen()).isTrue();
    assertThat(sink.failedBeforeStart()).isSameAs(refused);

    sink.start();
    assertThat(failures).containsExactly(refused);
    assertThat(sink.failedBeforeStart()).isNull();
  }

  @Test
  void aCompletionBeforeStartClosesOnlyAtStartAndSkipsReadiness() {
    List<String> readiness = new ArrayList<>();
    sink.onReady(() -> readiness.add("ready"));
    sink.complete();
    assertThat(response.isOpen()).as("closed before its headers").isTrue();
    assertThat(sink.failedBeforeStart()).isNull();

    sink.start();
    assertThat(response.isOpen()).isFalse();
    assertThat(readiness).as("nothing more is asked of an ended producer").isEmpty();
  }

  @Test
  void afterStartEndsRunAtOnceAndOnlyTheFirstBeforeStartCounts() {
    sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "first"));
    sink.complete();
    sink.start();
    assertThat(failures).extracting(NodeException::getMessage).containsExactly("first");

    sink.fail(new NodeException(ErrorCode.UNAVAILABLE, "after start"));
    assertThat(failures).extracting(NodeException::getMessage).containsExactly("first", "after start");
  }
}
