package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.models.ModelInfo;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import org.junit.jupiter.api.Test;

class ModelMessagesTest {
  private static final String ADDED = "2026-01-01T00:00:00Z";

  @Test
  void aGgufModelShowsItsHeadersContextWhateverItIsLoadedWith() {
    ModelRecord gguf = new ModelRecord("tiny", "tiny.gguf", 1024, "ab", info("llama", 256), ADDED);
    ModelDetails d = ModelMessages.details(gguf, true, 64);
    assertThat(d.getContextLength()).isEqualTo(256);
    assertThat(d.getContextSource()).isEqualTo("gguf");
  }

  @Test
  void anUpstreamModelShowsItsConfiguredContextElseTheLearnedOneElseUnknown() {
    ModelRecord configured = upstream(4096);
    assertThat(ModelMessages.details(configured, true, 4096).getContextSource()).isEqualTo("configured");
    assertThat(ModelMessages.details(configured, false, 0).getContextLength()).isEqualTo(4096);

    ModelRecord learned = upstream(0);
    ModelDetails loaded = ModelMessages.details(learned, true, 32768);
    assertThat(loaded.getContextLength()).isEqualTo(32768);
    assertThat(loaded.getContextSource()).isEqualTo("upstream");
    ModelDetails notLoaded = ModelMessages.details(learned, false, 0);
    assertThat(notLoaded.getContextLength()).isZero();
    assertThat(notLoaded.getContextSource()).isEqualTo("unknown");
    assertThat(ModelMessages.details(learned, true, 0).getContextSource()).isEqualTo("unknown");
  }

  private static ModelRecord upstream(int context) {
    return new ModelRecord("up", "", 0, "", info(ModelRecord.UPSTREAM_KIND, context), ADDED,
        new UpstreamTarget("http://127.0.0.1:1/v1", "m", "", "", new UpstreamTuning(0, 0, 0, 0, context)));
  }

  private static ModelInfo info(String architecture, long context) {
    return new ModelInfo("m", architecture, 0, context, "", "", 0, 0, 0, 0, 0, 0, 0);
  }
}
