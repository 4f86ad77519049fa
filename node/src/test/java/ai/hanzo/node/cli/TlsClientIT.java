package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.testing.TestPki;
import ai.hanzo.node.testing.TestPki.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a node that serves TLS and verifies client certificates; bad TLS files at start. */
class TlsClientIT {
  private static final TestPki CA = TestPki.rsa("cli-test-ca");

  @TempDir static Path dir;
  static NodeApp node;
  static String endpoint;
  static String adminKey;
  static Path caFile;
  static Path clientCert;
  static Path clientKey;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = dir.resolve("data");
    TestPki.Issued server = CA.server();
    Path cert = TestPki.writeCertificates(dir.resolve("server.pem"), server.certificate());
    Path key = TestPki.writeKey(dir.resolve("server.key"), server.key(), KeyFormat.PKCS8);
    caFile = TestPki.writeCertificates(dir.resolve("ca.pem"), CA.caCertificate());
    TestPki.Issued client = CA.client("operator.example.com", null);
    clientCert = TestPki.writeCertificates(dir.resolve("client.pem"), client.certificate());
    clientKey = TestPki.writeKey(dir.resolve("client.key"), client.key(), KeyFormat.TRADITIONAL);
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    bindCertificateThroughTheCli(dataDir);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(600), new TlsConfig(cert, key, caFile));
    endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
  }

  /** The offline bindings command gives the certificate its role (and says what is wrong with a bad one). */
  private static void bindCertificateThroughTheCli(Path dataDir) {
    String dir = dataDir.toString();
    CliHarness set = new CliHarness();
    assertThat(set.run(Map.of(), "bindings", "set", "cert:operator.example.com", "viewer", "--data-dir", dir))
        .as(set.err()).isZero();
    CliHarness unknownRole = new CliHarness();
    assertThat(unknownRole.run(Map.of(), "bindings", "set", "cert:x", "superuser", "--data-dir", dir)).isEqualTo(2);
    assertThat(unknownRole.err()).contains("unknown role 'superuser'");
    CliHarness missing = new CliHarness();
    assertThat(missing.run(Map.of(), "bindings", "rm", "cert:nobody", "--data-dir", dir)).isEqualTo(1);
    CliHarness ls = new CliHarness();
    assertThat(ls.run(Map.of("HANZO_DATA_DIR", dir), "bindings", "ls")).as(ls.err()).isZero();
    assertThat(ls.out()).contains("cert:operator.example.com").contains("viewer").doesNotContain("cert:x");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void clientCertificateAuthenticatesTheCli() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of("HANZO_CLIENT_TLS_CERT", clientCert.toString(),
        "HANZO_CLIENT_TLS_KEY", clientKey.toString()), "status", "--endpoint", endpoint, "--tls-ca",
        caFile.toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("STATE").contains("READY");
  }

  @Test
  void httpsEndpointWithAnApiKeyAndNoCertificate() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of("HANZO_TLS_CA", caFile.toString()), "health", "--endpoint", "https://" + endpoint,
        "--api-key", adminKey);
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.out()).contains("HEALTHY");
  }

  @Test
  void untrustedNodeCertificateIsRefusedByTheCli() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "health", "--endpoint", "https://" + endpoint)).isEqualTo(1);
    assertThat(cli.err()).contains("cannot reach a node at https://" + endpoint + ": TLS handshake failed")
        .doesNotContain("Exception");
  }

  @Test
  void halfAClientCertificateIsUsageError() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "status", "--endpoint", endpoint, "--tls-cert", clientCert.toString()))
        .isEqualTo(2);
    assertThat(cli.err()).contains("needs both --tls-cert and --tls-key");
  }

  @Test
  void badTlsFilesStopTheNodeWithOneLineAndExitCode2() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
    CliHarness missing = new CliHarness();
    assertThat(missing.run(Map.of(), "run", "--data-dir", dir.resolve("d1").toString(), "--grpc-addr", "127.0.0.1:0",
        "--http-addr", "127.0.0.1:0", "--tls-cert", dir.resolve("nope.pem").toString(), "--tls-key",
        notAKey.toString())).isEqualTo(2);
    assertThat(missing.err().strip()).doesNotContain("\n").contains("nope.pem does not exist");

    CliHarness wrongKey = new CliHarness();
    assertThat(wrongKey.run(Map.of("HANZO_TLS_CERT", clientCert.toString(), "HANZO_TLS_KEY", notAKey.toString()),
        "run", "--data-dir", dir.resolve("d2").toString(), "--grpc-addr", "127.0.0.1:0", "--http-addr",
        "127.0.0.1:0")).isEqualTo(2);
    assertThat(wrongKey.err().strip()).doesNotContain("\n").contains("holds no PEM private key");

    CliHarness onlyCa = new CliHarness();
    assertThat(onlyCa.run(Map.of(), "run", "--data-dir", dir.resolve("d3").toString(), "--tls-client-ca",
        caFile.toString())).isEqualTo(2);
    assertThat(onlyCa.err()).contains("--tls-client-ca needs TLS");
  }
}
