package ai.hanzo.node.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);

  private static ManifestDocument parse(String json, String contentType) {
    return ManifestDocument.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void dockerManifestByContentType() {
    ManifestDocument document = parse("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"" + A
        + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
        + "\"digest\":\"" + B + "\",\"size\":100}]}", MediaTypes.DOCKER_MANIFEST + "; charset=utf-8");
    assertThat(document).isInstanceOfSatisfying(ManifestDocument.Manifest.class, m -> {
      assertThat(m.config().digest()).isEqualTo(Digest.parse(A));
      assertThat(m.layers()).extracting(Descriptor::size).containsExactly(100L);
    });
  }

  @Test
  void ociIndexWithPlatformsAndTheHostsPick() {
    ManifestDocument document = parse("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[" + entry(A, "arm64", "v8") + "," + entry(B, "amd64", "") + "," + entry(C, "arm", "v7")
        + "]}", "");
    ManifestDocument.Index index = (ManifestDocument.Index) document;
    assertThat(new PlatformSelector("linux", "amd64", "").select(index.manifests(), "x").digest())
        .isEqualTo(Digest.parse(B));
    assertThat(new PlatformSelector("linux", "arm64", "v8").select(index.manifests(), "x").digest())
        .isEqualTo(Digest.parse(A));
    assertThat(new PlatformSelector("linux", "arm", "v7").select(index.manifests(), "x").digest())
        .isEqualTo(Digest.parse(C));
    assertThatThrownBy(() -> new PlatformSelector("linux", "riscv64", "").select(index.manifests(), "img"))
        .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("linux/riscv64").contains("linux/arm64/v8");
        });
  }

  @Test
  void aVariantlessEntryServesAHostWithAVariant() {
    Descriptor plain = new Descriptor("m", Digest.parse(A), 1, java.util.Optional.of(
        new Descriptor.Platform("linux", "arm64", "")));
    assertThat(new PlatformSelector("linux", "arm64", "v8").select(List.of(plain), "x")).isEqualTo(plain);
  }

  @Test
  void malformedDocumentsSayWhatIsWrong() {
    assertBad("not json", "not valid JSON");
    assertBad("[]", "not a JSON object");
    assertBad("{\"schemaVersion\":1,\"fsLayers\":[]}", "schema 1");
    assertBad("{\"schemaVersion\":2,\"layers\":[]}", "descriptor");
    assertBad("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\",\"size\":-1},\"layers\":[]}", "size");
    assertBad("{\"schemaVersion\":2,\"config\":{\"digest\":\"md5:x\",\"size\":1},\"layers\":[]}", "digest");
    assertBad("{\"manifests\":{}}", "array");
    assertBad("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\",\"size\":1},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + B + "\",\"size\":1}]}", "zstd");
  }

  @Test
  void imageConfigDefaultsAreRead() {
    ImageConfig config = ImageConfig.parse(("{\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/e\"],\"Cmd\":null,"
        + "\"Env\":[\"A=1\",\"B=x=y\",\"junk\"],\"User\":\"1000:100\",\"ExposedPorts\":{\"80/tcp\":{}}},"
        + "\"rootfs\":{\"diff_ids\":[\"" + A + "\"]}}").getBytes(StandardCharsets.UTF_8));
    assertThat(config.entrypoint()).containsExactly("/e");
    assertThat(config.cmd()).isEmpty();
    assertThat(config.env()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "x=y"));
    assertThat(config.user()).isEqualTo("1000:100");
    assertThat(config.exposedPorts()).containsExactly("80/tcp");
    assertThat(config.diffIds()).containsExactly(Digest.parse(A));
    assertThatThrownBy(() -> ImageConfig.parse("{\"config\":{\"Cmd\":\"sh\"}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("Cmd");
  }

  private static void assertBad(String json, String fragment) {
    assertThatThrownBy(() -> parse(json, ""))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining(fragment);
  }

  private static String entry(String digest, String arch, String variant) {
    return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":10,"
        + "\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\",\"variant\":\"" + variant + "\"}}";
  }
}
