package ai.hanzo.libp2p.kad.provider;

import ai.hanzo.libp2p.multiformats.Multihash;
import java.nio.charset.StandardCharsets;

/**
 * Provider keys are content multihashes: a sha2-256 multihash is also a valid CIDv0, the form
 * js checks for in ADD_PROVIDER and GET_PROVIDERS.
 */
public final class ProviderKeys {
  private ProviderKeys() {}

  /** The provider key of a named capability, e.g. {@code runtime/docker}. */
  public static byte[] of(String name) {
    return Multihash.sha256(name.getBytes(StandardCharsets.UTF_8)).toBytes();
  }
}
