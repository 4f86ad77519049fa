package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String HEX = "a".repeat(64);

  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io, library/busybox, latest",
      "busybox:1.36, docker.io, library/busybox, 1.36",
      "hanzo/node:v1, docker.io, hanzo/node, v1",
      "index.docker.io/hanzo/node, docker.io, hanzo/node, latest",
      "127.0.0.1:5000/busybox:1, 127.0.0.1:5000, busybox, 1",
      "localhost/a/b/c, localhost, a/b/c, latest",
      "ghcr.io/hanzoai/node:sha-1_2.3, ghcr.io, hanzoai/node, sha-1_2.3",
      "Registry/repo:t, Registry, repo, t",
      "my-registry.local:443/team/app_x, my-registry.local:443, team/app_x, latest"})
  void parsesWithDockerHubDefaults(String text, String registry, String repository, String tag) {
    ImageReference reference = ImageReference.parse(text);
    assertThat(reference.registry()).isEqualTo(registry);
    assertThat(reference.repository()).isEqualTo(repository);
    assertThat(reference.tag()).isEqualTo(tag);
    assertThat(reference.digest()).isEmpty();
  }

  @Test
  void digestsPinAndKeepTheTag() {
    ImageReference pinned = ImageReference.parse("127.0.0.1:5000/busybox@sha256:" + HEX);
    assertThat(pinned.tag()).isEmpty();
    assertThat(pinned.digest()).contains(new Digest(HEX));
    assertThat(pinned.manifestReference()).isEqualTo("sha256:" + HEX);

    ImageReference both = ImageReference.parse("busybox:1@sha256:" + HEX);
    assertThat(both.tag()).isEqualTo("1");
    assertThat(both.manifestReference()).isEqualTo("sha256:" + HEX);
    assertThat(both.familiar()).isEqualTo("busybox:1@sha256:" + HEX);
  }

  @Test
  void familiarNamesDropDockerHubPrefixes() {
    assertThat(ImageReference.parse("docker.io/library/busybox").familiar()).isEqualTo("busybox:latest");
    assertThat(ImageReference.parse("hanzo/node:1").familiar()).isEqualTo("hanzo/node:1");
    assertThat(ImageReference.parse("127.0.0.1:5000/busybox:1").familiar()).isEqualTo("127.0.0.1:5000/busybox:1");
    assertThat(ImageReference.parse("busybox").canonical()).isEqualTo("docker.io/library/busybox:latest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "busybox/UPPER", "busybox:", "busybox:-bad", "a//b", "/busybox", "busybox/",
      "busybox@sha256:short", "busybox@md5:a", "bad host!/x",
      "x:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt", "..", "a/../b",
      "busybox@", "host:99999999/x"})
  void malformedReferencesAreInvalidSpec(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC);
          assertThat(e.getMessage()).contains("is not valid");
        });
  }

  @Test
  void canonicalFormsParseBackToThemselves() {
    long seed = 20261126L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      String registry = random.nextBoolean() ? "" : pick(random, "127.0.0.1:5000/", "ghcr.io/", "localhost/");
      String repository = word(random) + (random.nextBoolean() ? "/" + word(random) : "");
      String tag = random.nextBoolean() ? ":" + word(random) : "";
      String digest = random.nextInt(4) == 0 ? "@sha256:" + hex(random) : "";
      String text = registry + repository + tag + digest;
      ImageReference parsed = ImageReference.parse(text);
      assertThat(ImageReference.parse(parsed.canonical())).as("seed %d, case %d: %s", seed, i, text)
          .isEqualTo(parsed);
      assertThat(ImageReference.parse(parsed.familiar())).as("seed %d, case %d: %s", seed, i, text)
          .isEqualTo(parsed);
    }
  }

  @Test
  void withDigestPins() {
    ImageReference reference = ImageReference.parse("busybox:1").withDigest(new Digest(HEX));
    assertThat(reference.digest()).isEqualTo(Optional.of(new Digest(HEX)));
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  private static String word(Random random) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder word = new StringBuilder();
    int length = 1 + random.nextInt(8);
    for (int i = 0; i < length; i++) {
      word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      if (i + 1 < length && random.nextInt(6) == 0) {
        // no "." here: a dotted first component would be read as a registry host
        word.append(pick(random, "_", "-", "__"));
      }
    }
    return word.toString();
  }

  private static String hex(Random random) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      hex.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return hex.toString();
  }
}
