package ai.hanzo.libp2p.multiformats;

import java.util.Arrays;

/** Base58 with the Bitcoin alphabet (multibase 'z'); leading zero bytes become leading '1's. */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    // log(256)/log(58) ≈ 1.37: enough digits for the significant bytes.
    int[] digits = new int[input.length * 138 / 100 + 1];
    int length = 0;
    for (int i = zeros; i < input.length; i++) {
      int carry = input[i] & 0xFF;
      for (int j = 0; j < length; j++) {
        carry += digits[j] << 8;
        digits[j] = carry % 58;
        carry /= 58;
      }
      while (carry > 0) {
        digits[length++] = carry % 58;
        carry /= 58;
      }
    }
    StringBuilder out = new StringBuilder(zeros + length);
    out.append("1".repeat(zeros));
    for (int i = length - 1; i >= 0; i--) {
      out.append(ALPHABET[digits[i]]);
    }
    return out.toString();
  }

  public static byte[] decode(String input) {
    int zeros = 0;
    while (zeros < input.length() && input.charAt(zeros) == '1') {
      zeros++;
    }
    // log(58)/log(256) ≈ 0.733: enough bytes for the significant digits.
    byte[] bytes = new byte[input.length() * 733 / 1000 + 1];
    int length = 0;
    for (int i = zeros; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new MultiformatException(
            "invalid base58 character '" + c + "' at position " + i);
      }
      int carry = digit;
      for (int j = 0; j < length; j++) {
        carry += (bytes[j] & 0xFF) * 58;
        bytes[j] = (byte) carry;
        carry >>>= 8;
      }
      while (carry > 0) {
        bytes[length++] = (byte) carry;
        carry >>>= 8;
      }
    }
    byte[] out = new byte[zeros + length];
    for (int i = 0; i < length; i++) {
      out[zeros + i] = bytes[length - 1 - i];
    }
    return out;
  }
}
