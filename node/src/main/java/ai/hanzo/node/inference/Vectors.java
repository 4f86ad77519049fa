package ai.hanzo.node.inference;

/**
 * Vector arithmetic for embeddings. The node's rule: every embedding it answers is L2-normalised, whichever engine
 * computed it (llama.cpp in process, or an upstream that may or may not normalise), so a dot product is a cosine
 * similarity for every model alike.
 */
public final class Vectors {
  private Vectors() {
  }

  /**
   * {@code v} scaled to length 1 (Euclidean), as OpenAI's embeddings are, so a dot product is a cosine similarity.
   * llama.cpp's server core and OpenAI already normalise this way; doing it here again (a no-op then, up to
   * rounding) keeps the documented promise whatever the engine or upstream does. A zero vector stays zero.
   */
  public static float[] l2Normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v.clone();
    }
    double norm = Math.sqrt(sum);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  /**
   * {@code v} itself when it already has length 1 within float rounding (an upstream that normalises, as OpenAI,
   * vLLM and llama.cpp's server do, passes through bit for bit), else {@link #l2Normalised}.
   */
  public static float[] unitLength(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.abs(sum - 1) <= 1e-5 ? v : l2Normalised(v);
  }
}
