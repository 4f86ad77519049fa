package ai.hanzo.node.compute;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spec hashes of the requests seen lately, remembered by request identity. Every GetStatus and every reconcile
 * pass compares each replica's spec label with its service's hash, and the desired state keeps the same request
 * object until the deployment changes, so the canonical JSON and SHA-256 ({@link CanonicalJson#specHash}) are
 * computed once per service and request instead of once per replica per call. A new request (a changed
 * deployment) is a new object and a miss; the oldest entries go beyond {@link #MAX}.
 */
final class SpecHashes {
  private static final int MAX = 256;

  /** Equal only to itself: two equal requests deployed separately are still two entries, never a wrong hash. */
  private record Identity(DeploymentRequest request) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.request == request;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(request);
    }
  }

  private static final Map<Identity, Map<String, String>> RECENT = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Identity, Map<String, String>> eldest) {
      return size() > MAX;
    }
  };

  private SpecHashes() {}

  static String of(DeploymentRequest request, String service) {
    Identity key = new Identity(request);
    synchronized (RECENT) {
      String known = RECENT.getOrDefault(key, Map.of()).get(service);
      if (known != null) {
        return known;
      }
    }
    String hash = CanonicalJson.specHash(request, service);
    synchronized (RECENT) {
      RECENT.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(service, hash);
    }
    return hash;
  }
}
