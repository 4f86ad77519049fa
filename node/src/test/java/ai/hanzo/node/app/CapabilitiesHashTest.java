package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capabilities hash registered by default. The expected hashes were computed by another implementation,
 * foundry's {@code cast keccak} over the documented text ({@code cast keccak 0x$(xxd -p caps.txt | tr -d '\n')}),
 * so a change of the canonical text or of the hash function fails here.
 */
class CapabilitiesHashTest {
  private static final Capabilities TWO_GPUS = new Capabilities(8, 34_359_738_368L, 500_107_862_016L, List.of(
      new Capabilities.Gpu("NVIDIA L4", 24_152_899_584L), new Capabilities.Gpu("NVIDIA A100-SXM4-40GB",
          42_949_672_960L)), List.of("process", "docker"), List.of("llama-3-8b"));

  @Test
  void theTextListsTheFactsOnePerLineWithGpusAndRuntimesSorted() {
    assertThat(CapabilitiesHash.canonicalText(TWO_GPUS)).isEqualTo("""
        hanzo-node/capabilities/v1
        cpu_cores=8
        memory_bytes=34359738368
        disk_bytes=500107862016
        gpu=NVIDIA A100-SXM4-40GB;42949672960
        gpu=NVIDIA L4;24152899584
        runtime=docker
        runtime=process
        """);
  }

  @Test
  void theHashIsKeccak256OfTheTextAsCastComputesIt() {
    assertThat(hex(CapabilitiesHash.of(TWO_GPUS)))
        .isEqualTo("4e1850cef2ffcc0e18d10d5cd7f31731a90e846f954e5633c78747b68ab78f52");
    assertThat(hex(CapabilitiesHash.of(new Capabilities(0, 0, 0, List.of(), List.of()))))
        .as("even a node that knows nothing of itself registers a hash, not zero")
        .isEqualTo("c2bf76662c47dd914a29be3690622f8eaeb513ef19c855418dd65e4674483962");
  }

  @Test
  void theModelsServedDoNotChangeTheHashButEveryOtherFactDoes() {
    byte[] hash = CapabilitiesHash.of(TWO_GPUS);
    assertThat(CapabilitiesHash.of(new Capabilities(8, 34_359_738_368L, 500_107_862_016L, TWO_GPUS.gpus(),
        TWO_GPUS.runtimes(), List.of()))).isEqualTo(hash);
    assertThat(CapabilitiesHash.of(new Capabilities(16, 34_359_738_368L, 500_107_862_016L, TWO_GPUS.gpus(),
        TWO_GPUS.runtimes()))).isNotEqualTo(hash);
    assertThat(CapabilitiesHash.of(new Capabilities(8, 34_359_738_368L, 500_107_862_016L, TWO_GPUS.gpus()
        .subList(0, 1), TWO_GPUS.runtimes()))).isNotEqualTo(hash);
    assertThat(CapabilitiesHash.of(new Capabilities(8, 34_359_738_368L, 500_107_862_016L, TWO_GPUS.gpus(),
        List.of("docker")))).isNotEqualTo(hash);
  }

  @Test
  void aNameCannotForgeAnotherLine() {
    Capabilities forged = new Capabilities(1, 2, 3, List.of(new Capabilities.Gpu("x;1\nruntime=docker", 7)),
        List.of());
    assertThat(CapabilitiesHash.canonicalText(forged)).endsWith("disk_bytes=3\ngpu=x 1 runtime=docker;7\n")
        .doesNotContain("\nruntime=");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
