package ai.hanzo.node.models;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** Any bytes as a model file: a header within the file's bounds, or a GgufFormatException; never anything else. */
class GgufReaderFuzzTest {
  @FuzzTest
  void read(byte[] input) throws IOException {
    GgufReaderPropertyTest.readsWithinBoundsOrRefuses(input);
  }
}
