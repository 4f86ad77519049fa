package ai.hanzo.node.api.mapping;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Default deployment ids, shared by the CLI (which derives one from {@code --name}, the Compose file's {@code name:}
 * or its directory) and the node (which assigns one when a DeployRequest leaves {@code deployment_id} empty). Names
 * are normalized the way {@code docker compose} derives a project name: lower-cased, characters outside
 * {@code [a-z0-9_-]} removed; here also leading {@code _}/{@code -} (an id starts with a letter or digit) and cut to
 * 63 characters.
 */
public final class DeploymentIds {
  static final int MAX_LENGTH = 63;
  private static final SecureRandom RANDOM = new SecureRandom();

  private DeploymentIds() {}

  /** The id a name stands for, or "" when nothing usable is left of it. */
  public static String fromName(String name) {
    if (name == null) {
      return "";
    }
    String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceFirst("^[_-]+", "");
    return id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id;
  }

  /** The first of {@code names} that yields an id, else "". */
  public static String firstFrom(String... names) {
    for (String name : names) {
      String id = fromName(name);
      if (!id.isEmpty()) {
        return id;
      }
    }
    return "";
  }

  /** What the node uses for an empty {@code deployment_id}: the name's id, else {@code d-} and 8 random hex digits. */
  static String assign(String name) {
    String id = fromName(name);
    if (!id.isEmpty()) {
      return id;
    }
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return "d-" + HexFormat.of().formatHex(bytes);
  }
}
