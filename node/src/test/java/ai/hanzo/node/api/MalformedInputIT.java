package ai.hanzo.node.api;

import ai.hanzo.node.api.mapping.FieldRulesTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.GetLogsRequest;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that is broken on the wire is the caller's error on every transport: an out-of-range time, a WebSocket text
 * frame that is not UTF-8, a gRPC message that is not protobuf.
 */
class MalformedInputIT {
  @TempDir
  static Path dataDir;
  static ApiFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ApiFixture(dataDir);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aLogsSinceOutOfRangeIsInvalidOnBothTransports() {
    HttpTransport http = new HttpTransport(fixture.httpUri());
    AggregatedHttpResponse res = http.get("/v1/deployments/web/logs?since=99999999999999999");
    assertThat(res.status().code()).as(res.contentUtf8()).isEqualTo(400);
    assertThat(res.contentUtf8()).contains("INVALID_ARGUMENT").contains("\"field\": \"since\"");
    GetLogsRequest max = GetLogsRequest.newBuilder().setDeploymentId("web").setSince(-1L).build();
    for (Transport t : new Transport[] {http, new GrpcTransport(fixture.grpcUri())}) {
      assertThatThrownBy(() -> t.logs(max)).isInstanceOfSatisfying(ApiCallException.class, e -> {
        assertThat(e.code).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.field).isEqualTo("since");
        assertThat(e.getMessage()).contains("18446744073709551615");
      });
    }
  }

  /** RFC 6455 8.1: a text message that is not UTF-8 fails the connection with 1007. */
  @Test
  void aWebSocketTextFrameOfInvalidUtf8ClosesWith1007() throws Exception {
    for (String path : new String[] {"/ws/events", "/ws/metrics", "/ws/exec/any"}) {
      assertThat(closeStatusAfterInvalidText(path)).as(path).isEqualTo(1007);
    }
  }

  private static int closeStatusAfterInvalidText(String path) throws Exception {
    int port = Integer.parseInt(fixture.httpUri().substring(fixture.httpUri().lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
          + "Origin: http://127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readHeaders(in)).startsWith("HTTP/1.1 101");
      byte[] payload = {(byte) 0xC3, (byte) 0x28}; // a lead byte followed by a non-continuation byte
      byte[] mask = {1, 2, 3, 4};
      out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length)});
      out.write(mask);
      for (int i = 0; i < payload.length; i++) {
        out.write(payload[i] ^ mask[i % 4]);
      }
      out.flush();
      return closeStatus(in);
    }
  }

  /** Skips data frames the server may send first (events), returns the status code of its close frame. */
  private static int closeStatus(DataInputStream in) throws Exception {
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0F;
      long length = in.readUnsignedByte() & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] body = in.readNBytes((int) length);
      if (opcode == 0x8) {
        assertThat(body.length).isGreaterThanOrEqualTo(2);
        return (body[0] & 0xFF) << 8 | body[1] & 0xFF;
      }
    }
  }

  private static String readHeaders(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Issue 12 item 4: no 500, no 3 MB name, no NUL, on either transport; random strings never answer 500. */
  @Test
  void malformedAndOverlongStringsAreInvalidOnBothTransports() {
    HttpTransport http = new HttpTransport(fixture.httpUri());
    String loneSurrogate = "{\"deploymentId\": \"web\", \"name\": \"web\\ud800\", \"spec\": {\"services\": "
        + "{\"web\": {\"image\": \"process\"}}}}";
    AggregatedHttpResponse res = post(loneSurrogate);
    assertThat(res.status().code()).as(res.contentUtf8()).isEqualTo(400);
    assertThat(res.contentUtf8()).contains("\"field\": \"name\"");
    ai.hanzo.node.api.v1.DeployRequest valid = ai.hanzo.node.api.v1.DeployRequest.newBuilder()
        .setDeploymentId("web").setName("web").setSpec(ai.hanzo.node.api.v1.ComposeSpec.newBuilder().putServices("web",
            ai.hanzo.node.api.v1.ServiceSpec.newBuilder().setImage("process").build())).build();
    for (Transport t : new Transport[] {http, new GrpcTransport(fixture.grpcUri())}) {
      assertThatThrownBy(() -> t.deploy(valid.toBuilder().setName("x".repeat(3_000_000)).build()))
          .isInstanceOfSatisfying(ApiCallException.class, e -> assertThat(e.field).isEqualTo("name"));
      assertThatThrownBy(() -> t.deploy(valid.toBuilder().setOptions(ai.hanzo.node.api.v1.DeploymentOptions
          .newBuilder().putLabels("team", "a\0b")).build()))
          .isInstanceOfSatisfying(ApiCallException.class, e -> assertThat(e.field).isEqualTo("options.labels[team]"));
      assertThatThrownBy(() -> t.deploy(valid.toBuilder().setSpec(valid.getSpec().toBuilder().putServices("web",
          valid.getSpec().getServicesOrThrow("web").toBuilder().putEnvironment("A=B", "1").build())).build()))
          .isInstanceOfSatisfying(ApiCallException.class,
              e -> assertThat(e.field).isEqualTo("spec.services[web].environment[A=B]"));
    }
    System.out.println("MalformedInputIT seed: " + SEED);
    java.util.Random random = new java.util.Random(SEED);
    for (int i = 0; i < 200; i++) {
      String body = "{\"deploymentId\": \"web\", \"name\": " + escaped(FieldRulesTest.nasty(random))
          + ", \"environment\": {" + escaped(FieldRulesTest.nasty(random)) + ": "
          + escaped(FieldRulesTest.nasty(random)) + "}, \"spec\": {\"services\": {"
          + escaped(FieldRulesTest.nasty(random)) + ": {\"image\": " + escaped("i" + FieldRulesTest.nasty(random))
          + ", \"command\": [" + escaped(FieldRulesTest.nasty(random)) + "]}}}}";
      AggregatedHttpResponse answer = post(body);
      assertThat(answer.status().code()).as("case %d (seed %d): %s", i, SEED, answer.contentUtf8())
          .isIn(400, 501);
    }
  }

  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  private static AggregatedHttpResponse post(String json) {
    return WebClient.of(fixture.httpUri()).execute(HttpRequest.of(HttpMethod.POST, "/v1/deployments",
        MediaType.JSON_UTF_8, json)).aggregate().join();
  }

  /** A JSON string literal with everything but printable ASCII escaped, so lone surrogates survive the wire. */
  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void aGrpcMessageThatIsNotProtobufIsInvalidArgument() {
    // One length-prefixed gRPC frame whose message claims a 5-byte field 1 but ends after one byte.
    byte[] garbage = {0x0A, 0x05, 0x41};
    byte[] frame = new byte[5 + garbage.length];
    frame[4] = (byte) garbage.length;
    System.arraycopy(garbage, 0, frame, 5, garbage.length);
    RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, "/hanzo.node.v1.NodeService/GetStatus")
        .contentType(MediaType.parse("application/grpc+proto")).add("te", "trailers").build();
    AggregatedHttpResponse res = WebClient.of(fixture.grpcUri()).execute(HttpRequest.of(headers,
        HttpData.wrap(frame))).aggregate().join();
    String status = res.trailers().get("grpc-status") != null ? res.trailers().get("grpc-status")
        : res.headers().get("grpc-status");
    assertThat(status).as("grpc-status, %s %s", res.headers(), res.trailers()).isEqualTo("3");
  }
}
