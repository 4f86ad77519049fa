package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.iam.RoleCatalog;
import ai.hanzo.node.testing.PresentingKeyManager;
import ai.hanzo.node.testing.TestPki;
import ai.hanzo.node.testing.TestPki.KeyFormat;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientFactoryBuilder;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on both listeners with client certificates verified against a test CA: a bound certificate is a principal
 * with its binding's roles, a caller without a certificate still uses keys or tokens, and a certificate from
 * another CA or an expired one never gets past the handshake.
 */
class MtlsIT {
  private static final TestPki CA = TestPki.ec("hanzo-test-ca");
  private static final TestPki OTHER_CA = TestPki.ec("someone-else");

  @TempDir static Path dir;
  static Path dataDir;
  static NodeApp node;
  static String adminKey;
  static Path caFile;
  private final List<ClientFactory> factories = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    dataDir = dir.resolve("data");
    TestPki.Issued server = CA.server();
    Path cert = TestPki.writeCertificates(dir.resolve("server.pem"), server.certificate(), CA.caCertificate());
    Path key = TestPki.writeKey(dir.resolve("server.key"), server.key(), KeyFormat.TRADITIONAL);
    caFile = TestPki.writeCertificates(dir.resolve("ca.pem"), CA.caCertificate());
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    IamNodeFixture.withDatabase(dataDir, db -> {
      new RoleCatalog(db.roles()).bind("cert:spiffe://hanzo/ci", List.of("viewer"));
      return null;
    });
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600), new TlsConfig(cert, key, caFile));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @AfterEach
  void closeClients() {
    factories.forEach(ClientFactory::close);
  }

  @Test
  void boundCertificateIsAPrincipalWithItsRolesOverGrpc() {
    var stub = grpc(CA.client("ci-runner", "spiffe://hanzo/ci"), null);
    assertThat(stub.getStatus(GetStatusRequest.getDefaultInstance()).getUptimeSeconds()).isNotNegative();
    assertThatThrownBy(() -> stub.deploy(DeployRequest.newBuilder().setName("x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("cert:spiffe://hanzo/ci lacks deployment:create");
        });
    var admin = GrpcClients.builder("https://127.0.0.1:" + node.boundPorts().get("grpc")).factory(factory(null))
        .addHeader("x-api-key", adminKey).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
    assertThat(admin.queryAudit(QueryAuditRequest.newBuilder().setPrincipal("cert:spiffe://hanzo/ci").build())
        .getRecordsList()).anySatisfy(r -> {
          assertThat(r.getOutcome()).isEqualTo("DENIED");
          assertThat(r.getAction()).isEqualTo("hanzo.node.v1.NodeService/Deploy");
        });
  }

  @Test
  void boundCertificateIsAPrincipalOverHttps() {
    AggregatedHttpResponse res = http(CA.client("ci-runner", "spiffe://hanzo/ci")).get("/v1/status");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentUtf8()).contains("uptime");
  }

  @Test
  void certificateWithoutBindingIsRefusedAsUnknownIdentity() {
    AggregatedHttpResponse res = http(CA.client("stranger", null)).get("/v1/status");
    assertThat(res.status().code()).isEqualTo(401);
    assertThat(res.contentUtf8()).contains("cert:stranger").contains("no role binding");
  }

  @Test
  void noCertificateFallsBackToApiKeysAndAnonymousHealth() {
    var anonymous = grpc(null, null);
    assertThat(anonymous.getHealth(GetHealthRequest.getDefaultInstance()).getVersion()).isEqualTo("1.2.3");
    assertThatThrownBy(() -> anonymous.getStatus(GetStatusRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThat(grpc(null, adminKey).getStatus(GetStatusRequest.getDefaultInstance()).getUptimeSeconds())
        .isNotNegative();
    assertThat(http(null).get("/health").status().code()).isEqualTo(200);
  }

  @Test
  void certificateOfAnotherCaFailsTheHandshake() {
    assertHandshakeRefused(OTHER_CA.client("ci-runner", "spiffe://hanzo/ci"));
  }

  @Test
  void expiredCertificateFailsTheHandshake() {
    assertHandshakeRefused(CA.expiredClient("ci-runner"));
  }

  @Test
  void plainTextIsNotServed() {
    WebClient plain = WebClient.of("http://127.0.0.1:" + node.boundPorts().get("http"));
    assertThatThrownBy(() -> plain.blocking().get("/health")).isNotNull();
  }

  private void assertHandshakeRefused(TestPki.Issued client) {
    var stub = grpc(client, adminKey);
    assertThatThrownBy(() -> stub.getStatus(GetStatusRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThatThrownBy(() -> http(client).get("/health"))
        .satisfies(t -> assertThat(causes(t)).anyMatch(c -> c instanceof SSLException
            || c instanceof UnprocessedRequestException || c instanceof java.nio.channels.ClosedChannelException));
  }

  private NodeServiceGrpc.NodeServiceBlockingStub grpc(TestPki.Issued client, String apiKey) {
    var builder = GrpcClients.builder("https://127.0.0.1:" + node.boundPorts().get("grpc")).factory(factory(client));
    if (apiKey != null) {
      builder.addHeader("x-api-key", apiKey);
    }
    return builder.build(NodeServiceGrpc.NodeServiceBlockingStub.class);
  }

  private com.linecorp.armeria.client.BlockingWebClient http(TestPki.Issued client) {
    return WebClient.builder("https://127.0.0.1:" + node.boundPorts().get("http")).factory(factory(client)).build()
        .blocking();
  }

  private ClientFactory factory(TestPki.Issued client) {
    ClientFactoryBuilder builder = ClientFactory.builder().tlsCustomizer(ssl -> {
      ssl.trustManager(CA.caCertificate());
      if (client != null) {
        ssl.keyManager(new PresentingKeyManager(client));
      }
    });
    ClientFactory factory = builder.build();
    factories.add(factory);
    return factory;
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
      all.add(c);
    }
    return all;
  }
}
