package ai.hanzo.node.inference.llama;

/** Vector arithmetic for embeddings. */
final class Vectors {
  private Vectors() {
  }

  /**
   * {@code v} scaled to length 1 (Euclidean), as OpenAI's embeddings are, so a dot product is a cosine similarity.
   * llama.cpp's server core already normalises this way; doing it here again (a no-op then, up to rounding) keeps
   * the documented promise whatever the binding's default. A zero vector stays zero.
   */
  static float[] l2Normalised(float[] v) {
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
}
