package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.error.ErrorCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** HTTP bodies are untrusted: any text becomes a request or a clean INVALID_ARGUMENT, never another failure. */
class JsonDecodingTest {
  @Property(tries = 1000)
  void arbitraryTextDecodesOrIsAnInvalidArgument(@ForAll("jsonish") String body) {
    try {
      Json.parse(body, HeartbeatRequest.newBuilder());
      Json.parse(body, RegisterNodeRequest.newBuilder());
    } catch (Exception e) {
      assertThat(ErrorMapper.toNodeException(e).code()).as(e.toString()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"node_id\"", "\"nodeId\"",
        "\"metrics\"", "\"cpu_usage\"", "\"timestamp\"", "\"public_key\"", "\"capabilities\"", "\"gpus\"", "1e400",
        "-1", "18446744073709551616", "\"NaN\"", "\"Infinity\"", "null", "true", "\"AAAA\"", "\"!!\"", "0.5", "\"x\"",
        "\\u0000", " ");
    return Arbitraries.oneOf(fragments.list().ofMaxSize(30).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(60));
  }
}
