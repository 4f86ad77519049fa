package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.client.ComposeProject;
import ai.hanzo.testing.RandomCases;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeFileTest {
  private static final String INSERTS = ":-[]{}'\"&*!|>#\n\t x";

  static Path resource(String name) {
    try {
      return Path.of(ComposeFileTest.class.getResource("/compose/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsEverySupportedKey() {
    ComposeProject spec = ComposeFile.read(resource("full.yml"));

    assertThat(spec.version()).isEqualTo("3.9");
    assertThat(spec.name()).isEqualTo("shop");
    assertThat(spec.services()).containsOnlyKeys("web", "db", "worker");
    ComposeProject.Service web = spec.services().get("web");
    assertThat(web.image()).isEqualTo("nginx:1.27");
    assertThat(web.command()).containsExactly("nginx", "-g", "daemon off;", "-c", "/etc/nginx/nginx.conf");
    assertThat(web.entrypoint()).containsExactly("/docker-entrypoint.sh");
    assertThat(web.environment()).isEqualTo(Map.of("PORT", "8080", "DEBUG", "false",
        "GREETING", "hello world"));
    assertThat(web.ports()).containsExactly("80:8080", "443", "9001:9000/udp");
    assertThat(web.volumes()).containsExactly("static:/usr/share/nginx/html:ro", "./conf:/etc/nginx/conf.d:ro");
    assertThat(web.networks()).containsExactly("front");
    assertThat(web.deploy().replicas()).isEqualTo(3);
    assertThat(web.deploy().limits().cpus()).isEqualTo("0.5");
    assertThat(web.deploy().limits().memory()).isEqualTo("512M");
    assertThat(web.deploy().reservations().cpus()).isEqualTo("0.25");
    assertThat(web.deploy().reservations().memory()).isEqualTo("128M");
    assertThat(web.healthcheck().test()).containsExactly("CMD", "curl", "-f", "http://localhost:8080/");
    assertThat(web.healthcheck().interval()).isEqualTo("30s");
    assertThat(web.healthcheck().timeout()).isEqualTo("5s");
    assertThat(web.healthcheck().retries()).isEqualTo(3);
    assertThat(web.healthcheck().startPeriod()).isEqualTo("10s");
    assertThat(web.restart()).isEqualTo("unless-stopped");

    ComposeProject.Service db = spec.services().get("db");
    assertThat(db.environment()).isEqualTo(Map.of("POSTGRES_PASSWORD", "secret=with=equals", "EMPTY", ""));
    assertThat(db.command()).containsExactly("postgres", "-c", "max_connections=200");
    assertThat(db.networks()).containsExactly("back");
    assertThat(db.healthcheck().test()).containsExactly("CMD-SHELL", "pg_isready -U postgres");
    assertThat(db.restart()).isEqualTo("on-failure:5");

    assertThat(spec.services().get("worker").restart()).as("YAML 1.2: no is a word").isEqualTo("no");
    assertThat(spec.services().get("worker").ports()).containsExactly("8000-8010:8000-8010");

    assertThat(spec.networks()).containsOnlyKeys("front", "back", "plain");
    assertThat(spec.networks().get("front").driver()).isEqualTo("bridge");
    assertThat(spec.networks().get("back").external()).isTrue();
    assertThat(spec.volumes().get("static").driverOpts()).isEqualTo(Map.of("type", "tmpfs",
        "device", "tmpfs"));
    assertThat(spec.volumes()).containsKey("data");
  }

  @Test
  void aMinimalFileNeedsOnlyAnImage() {
    ComposeProject spec = ComposeFile.read(resource("minimal.yml"));
    assertThat(spec.services().get("hello").command()).containsExactly("echo", "hello");
    assertThat(spec.services().get("hello").deploy()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "build.yml          | services.web.build: not supported",
    "top-level.yml      | secrets: not supported",
    "no-image.yml       | services.web.image: is required",
    "replicas.yml       | services.web.deploy.replicas: expected a whole number from 0 to 1000, found 'many'",
    "env-from-host.yml  | services.web.environment[0]: expected KEY=VALUE, found 'HOME'",
    "not-yaml.yml       | not valid YAML",
    "duplicate.yml      | not valid YAML: while constructing a mapping",
    "network-alias.yml  | services.web.networks.front.aliases: not supported",
    "restart.yml        | services.web.restart: 'sometimes' is not a restart policy",
    "no-services.yml    | services: is required",
    "quote.yml          | services.web.command: unterminated double quote",
    "external.yml       | networks.front.external: expected true or false, found 'maybe'",
  })
  void refusesWhatItCannotRunNamingThePath(String file, String message) {
    Path path = resource("bad/" + file);
    assertThatThrownBy(() -> ComposeFile.read(path))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageStartingWith(path + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ComposeFile.read(Path.of("/nonexistent/compose.yml")))
        .isInstanceOf(ComposeFileException.class)
        .hasMessage("/nonexistent/compose.yml: no such file");
  }

  @Test
  void commandsSplitLikeAShell() {
    assertThat(ShellWords.split("a  'b c' \"d \\\"e\\\"\" f\\ g ''", "p")).isEqualTo(List.of("a", "b c",
        "d \"e\"", "f g", ""));
  }

  @Test
  void nonMappingsAndEmptyInputAreCleanErrors() {
    for (String yaml : List.of("", "just text", "- a\n- b", "services: [web]", "services:\n  web: nginx",
        "services:\n  web:\n    image: {a: b}", "a: &a [*a]\nservices: {web: {image: x}}",
        "services: !!binary aGVsbG8=")) {
      assertThatThrownBy(() -> ComposeFile.parse(yaml)).as(yaml).isInstanceOf(ComposeFileException.class);
    }
  }

  @Test
  void damagedFilesParseOrFailWithAComposeError() throws Exception {
    String valid = java.nio.file.Files.readString(resource("full.yml"));
    RandomCases.forAll(3000, g -> {
      StringBuilder damaged = new StringBuilder(valid);
      for (int edits = 1 + g.nextInt(4); edits > 0; edits--) {
        int at = g.nextInt(damaged.length());
        switch (g.nextInt(3)) {
          case 0 -> damaged.deleteCharAt(at);
          case 1 -> damaged.insert(at, INSERTS.charAt(g.nextInt(INSERTS.length())));
          default -> damaged.setCharAt(at, (char) (32 + g.nextInt(95)));
        }
      }
      try {
        assertThat(ComposeFile.parse(damaged.toString()).services().size()).isPositive();
      } catch (ComposeFileException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }

  @Test
  void pidsLimitsComeFromDeployOrTheServiceAndMayNotContradictEachOther() {
    ComposeProject deploy = ComposeFile.parse("services:\n  web:\n    image: busybox\n    deploy:\n      resources:\n"
        + "        limits:\n          pids: 50\n");
    assertThat(deploy.services().get("web").deploy().limits().pids()).isEqualTo(50);
    ComposeProject service = ComposeFile.parse("services:\n  web:\n    image: busybox\n    pids_limit: 60\n"
        + "    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 64M\n");
    ComposeProject.Service web = service.services().get("web");
    assertThat(web.deploy().limits().pids()).isEqualTo(60);
    assertThat(web.deploy().limits().memory()).isEqualTo("64M");
    assertThat(web.deploy().replicas()).isEqualTo(2);

    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    pids_limit: 60\n"
        + "    deploy:\n      resources:\n        limits:\n          pids: 50\n"))
        .isInstanceOf(ComposeFileException.class).hasMessageContaining("services.web.pids_limit");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    pids_limit: -1\n"))
        .isInstanceOf(ComposeFileException.class).hasMessageContaining("services.web.pids_limit");
  }
}
