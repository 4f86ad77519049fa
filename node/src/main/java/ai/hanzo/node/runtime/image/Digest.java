package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest {@code sha256:<64 lower-case hex>}; the only algorithm registries are required to serve. */
public record Digest(String hex) {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

  public Digest {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw ContainerRuntimeException.invalidSpec("digest hex '" + hex + "' is not 64 lower-case hex digits");
    }
  }

  /** Parses {@code sha256:<hex>}; anything else is INVALID_SPEC. */
  public static Digest parse(String text) {
    if (text == null || !text.startsWith("sha256:")) {
      throw ContainerRuntimeException.invalidSpec("digest '" + text + "' is not of the form sha256:<64 hex digits>"
          + " (other algorithms are not supported)");
    }
    return new Digest(text.substring("sha256:".length()));
  }

  public static Digest of(byte[] content) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
  }

  static Digest of(MessageDigest finished) {
    return new Digest(HexFormat.of().formatHex(finished.digest()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
