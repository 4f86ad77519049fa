package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.testing.RandomCases;
import org.junit.jupiter.api.Test;

/** HTTP bodies are untrusted: any text becomes a request or a clean INVALID_ARGUMENT, never another failure. */
class JsonDecodingTest {
  private static final String[] FRAGMENTS = {"{", "}", "[", "]", ":", ",", "\"node_id\"", "\"nodeId\"",
    "\"metrics\"", "\"cpu_usage\"", "\"timestamp\"", "\"public_key\"", "\"capabilities\"", "\"gpus\"",
    "1e400", "-1", "18446744073709551616", "\"NaN\"", "\"Infinity\"", "null", "true", "\"AAAA\"", "\"!!\"",
    "0.5", "\"x\"", "\\u0000", " "};

  @Test
  void arbitraryTextDecodesOrIsAnInvalidArgument() {
    RandomCases.forAll(3000, gen -> {
      String body;
      if (gen.nextBoolean()) {
        StringBuilder sb = new StringBuilder();
        int n = gen.nextInt(30);
        for (int i = 0; i < n; i++) {
          sb.append(FRAGMENTS[gen.nextInt(FRAGMENTS.length)]);
        }
        body = sb.toString();
      } else {
        body = gen.text();
      }
      try {
        Json.parse(body, HeartbeatRequest.newBuilder());
        Json.parse(body, RegisterNodeRequest.newBuilder());
      } catch (Exception e) {
        assertThat(ErrorMapper.toNodeException(e).code()).as(e.toString()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      }
    });
  }
}
