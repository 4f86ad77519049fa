package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.IamConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamOptionsTest {
  private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";

  @Test
  void defaultsAreTheDocumentedOnes() {
    IamConfig c = new CliHarness().parseRun(Map.of()).toConfig().iam();
    assertThat(c).isEqualTo(IamConfig.disabled());
    assertThat(c.enabled()).isFalse();
    assertThat(c.audience()).isEqualTo("hanzo-node");
    assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.anonymousHealth()).isTrue();
    assertThat(c.allowedAlgorithms()).doesNotContain("none").contains("RS256", "ES256", "EdDSA", "HS512");
  }

  @Test
  void theEnvironmentIsRead() {
    IamConfig c = new CliHarness().parseRun(Map.of("HANZO_IAM_ENABLED", "true",
        "HANZO_IAM_ISSUER", "https://id.example/realms/main", "HANZO_IAM_AUDIENCE", "nodes",
        "HANZO_IAM_JWKS_URI", "https://id.example/jwks", "HANZO_IAM_SECRET", SECRET)).toConfig().iam();
    assertThat(c.enabled()).isTrue();
    assertThat(c.issuer()).isEqualTo("https://id.example/realms/main");
    assertThat(c.audience()).isEqualTo("nodes");
    assertThat(c.jwksUri()).isEqualTo(URI.create("https://id.example/jwks"));
    assertThat(c.secret()).isEqualTo(SECRET);
    assertThat(c.toString()).doesNotContain(SECRET);
  }

  @Test
  void flagsOverrideTheEnvironment() {
    IamConfig c = new CliHarness().parseRun(Map.of("HANZO_IAM_AUDIENCE", "env"), "--iam-enabled",
        "--iam-audience", "flag", "--iam-clock-skew", "5s", "--iam-algorithms", "RS256,EdDSA",
        "--iam-roles-claim", "realm_access.roles", "--iam-org-claim", "tenant", "--iam-anonymous-health=false",
        "--iam-rate-limit", "30", "--iam-failed-auth-limit", "3").toConfig().iam();
    assertThat(c.enabled()).isTrue();
    assertThat(c.audience()).isEqualTo("flag");
    assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.allowedAlgorithms()).isEqualTo(List.of("RS256", "EdDSA"));
    assertThat(c.rolesClaim()).isEqualTo("realm_access.roles");
    assertThat(c.orgClaim()).isEqualTo("tenant");
    assertThat(c.anonymousHealth()).isFalse();
    assertThat(c.requestsPerMinute()).isEqualTo(30);
    assertThat(c.failedAuthPerMinute()).isEqualTo(3);
  }

  @Test
  void aShortSecretIsRefusedInOneLineThatDoesNotEchoIt() {
    CliHarness cli = new CliHarness();
    int code = cli.run(Map.of("HANZO_IAM_SECRET", "too-short-secret"), "run");
    assertThat(code).isEqualTo(2);
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.err()).contains("HANZO_IAM_SECRET").contains("32 bytes").doesNotContain("too-short-secret");
  }

  @Test
  void algNoneAndBadValuesAreRefused() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--iam-algorithms", "none")).isEqualTo(2);
    assertThat(cli.err()).contains("--iam-algorithms").contains("'none' is never accepted");
    CliHarness other = new CliHarness();
    assertThat(other.run(Map.of(), "run", "--iam-jwks-uri", "ftp://x/jwks")).isEqualTo(2);
    assertThat(other.err()).contains("--iam-jwks-uri").contains("http(s) URL");
  }
}
