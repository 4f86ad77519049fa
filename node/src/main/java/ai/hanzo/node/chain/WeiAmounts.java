package ai.hanzo.node.chain;

import ai.hanzo.node.error.NodeException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Amounts of wei as the API carries them: decimal strings, because an int64 cannot hold 1,000 ether. Anything
 * that is not a whole, non-negative number that fits a uint256 is refused with INVALID_ARGUMENT naming the field.
 */
public final class WeiAmounts {
  public static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,100}");

  private WeiAmounts() {}

  /** A whole number of wei, 0 allowed. */
  public static BigInteger parse(String field, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw NodeException.invalidField(field, "is empty: give a decimal number of wei such as"
          + " \"1000000000000000000\" (1 ether)");
    }
    if (t.startsWith("-")) {
      throw NodeException.invalidField(field, "'" + t + "' is negative: an amount of wei is at least 0");
    }
    if (t.contains(".") || t.contains("e") || t.contains("E")) {
      throw NodeException.invalidField(field, "'" + t + "' is not a whole number of wei (wei cannot be divided;"
          + " 1 ether is 1000000000000000000 wei)");
    }
    if (!DIGITS.matcher(t).matches()) {
      throw NodeException.invalidField(field, "'" + abbreviated(t) + "' is not a decimal number of wei");
    }
    BigInteger value = new BigInteger(t);
    if (value.compareTo(MAX_UINT256) > 0) {
      throw NodeException.invalidField(field, "'" + abbreviated(t) + "' is more than a uint256 holds (2^256 - 1)");
    }
    return value;
  }

  /** A whole number of wei, at least 1. */
  public static BigInteger parsePositive(String field, String text) {
    BigInteger value = parse(field, text);
    if (value.signum() == 0) {
      throw NodeException.invalidField(field, "is 0: give at least 1 wei");
    }
    return value;
  }

  private static String abbreviated(String t) {
    return t.length() <= 90 ? t : t.substring(0, 87) + "...";
  }
}
