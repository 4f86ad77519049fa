package ai.hanzo.node.p2p.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The small parsers over outputs captured from real hosts (see src/test/resources/gpu). */
class GpuParsersTest {
  @Test
  void nvidiaSmiListsEveryGpuWithItsMemoryAndUuid() throws IOException {
    assertThat(NvidiaSmiParser.parse(sample("nvidia-smi-two-gpus.txt"))).containsExactly(
        new DetectedGpu(DetectedGpu.Vendor.NVIDIA, "NVIDIA A100-SXM4-80GB", 81920L << 20,
            "GPU-5d8c9f3e-8a4c-3b2e-9d1f-0a2b3c4d5e6f", 0),
        new DetectedGpu(DetectedGpu.Vendor.NVIDIA, "NVIDIA GeForce RTX 4090", 24564L << 20,
            "GPU-1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", 1));
  }

  @Test
  void nvidiaSmiWithoutADriverGivesNoGpu() throws IOException {
    assertThat(NvidiaSmiParser.parse(sample("nvidia-smi-no-driver.txt"))).isEmpty();
    assertThat(NvidiaSmiParser.parse("No devices were found\n")).isEmpty();
    assertThat(NvidiaSmiParser.parse("")).isEmpty();
  }

  @Test
  void nvidiaSmiNamesMayContainCommasAndSlashesAndMemoryMayBeUnknown() {
    assertThat(NvidiaSmiParser.parse("3, GPU-1, Quadro RTX 8000, rev A/B, [N/A]\n")).singleElement()
        .satisfies(g -> {
          assertThat(g.model()).isEqualTo("Quadro RTX 8000, rev A-B");
          assertThat(g.memoryBytes()).isZero();
          assertThat(g.id()).isEqualTo("GPU-1");
          assertThat(g.index()).isEqualTo(3);
        });
  }

  @Test
  void memoryUnitsAreBinary() {
    assertThat(NvidiaSmiParser.memoryBytes("16 GiB")).contains(16L << 30);
    assertThat(NvidiaSmiParser.memoryBytes("512 KiB")).contains(512L << 10);
    assertThat(NvidiaSmiParser.memoryBytes("7")).contains(7L);
    assertThat(NvidiaSmiParser.memoryBytes("99999999999999999999 MiB")).isEmpty();
  }

  @Test
  void nvidiaProcInformationGivesModelAndUuid() throws IOException {
    assertThat(NvidiaProcParser.parse(sample("nvidia-proc-information.txt"))).contains(
        new DetectedGpu(DetectedGpu.Vendor.NVIDIA, "Tesla T4", 0, "GPU-8e1c2b6a-0d3f-4e5a-9b7c-6d5e4f3a2b1c"));
    assertThat(NvidiaProcParser.parse("IRQ: 39\n")).isEmpty();
  }

  @Test
  void amdCardsAreNamedByProductOrElseByDeviceId() {
    assertThat(AmdSysfsParser.parse("0x1002\n", "0x740f\n", "AMD Instinct MI210\n", "68702699520\n",
        "0000:c1:00.0")).contains(new DetectedGpu(DetectedGpu.Vendor.AMD, "AMD Instinct MI210", 68702699520L,
            "0000:c1:00.0"));
    assertThat(AmdSysfsParser.parse("0x1002", "0x73bf", "", "", "")).get()
        .satisfies(g -> assertThat(g.model()).isEqualTo("AMD 0x73bf"))
        .satisfies(g -> assertThat(g.memoryBytes()).isZero());
    assertThat(AmdSysfsParser.parse("0x10de", "0x20b0", "", "", "")).as("NVIDIA's vendor id").isEmpty();
    assertThat(AmdSysfsParser.parse("0x1002", "", "", "", "")).as("nothing to name it by").isEmpty();
  }

  @Test
  void garbageNeverThrows() {
    long seed = 7_2026L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      String text = randomText(random);
      assertThatCode(() -> {
        NvidiaSmiParser.parse(text);
        NvidiaProcParser.parse(text);
        AmdSysfsParser.parse(random.nextBoolean() ? "0x1002" : text, text, text, text, text);
      }).as("case %d of seed %d: %s", i, seed, text).doesNotThrowAnyException();
    }
  }

  private static String randomText(Random random) {
    String alphabet = ",:\n\t /0123456789xMiBGKNA[]-abc";
    StringBuilder b = new StringBuilder();
    int length = random.nextInt(80);
    for (int i = 0; i < length; i++) {
      b.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  static String sample(String name) throws IOException {
    try (InputStream in = GpuParsersTest.class.getResourceAsStream("/gpu/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
