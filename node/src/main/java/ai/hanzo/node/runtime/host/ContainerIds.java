package ai.hanzo.node.runtime.host;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Container ids: 32 random lower-case hex digits, safe as directory and cgroup names. */
public final class ContainerIds {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private final SecureRandom random = new SecureRandom();

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean isId(String text) {
    return text != null && ID.matcher(text).matches();
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
