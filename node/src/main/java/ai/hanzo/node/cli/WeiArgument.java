package ai.hanzo.node.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An amount of wei on the command line, checked before the node is contacted (a usage error, exit 2): a whole,
 * non-negative decimal number that fits a uint256. The node checks the same again.
 */
final class WeiArgument implements ITypeConverter<String> {
  private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

  @Override
  public String convert(String value) {
    String v = value.strip();
    if (v.startsWith("-")) {
      throw new TypeConversionException("'" + v + "' is negative: an amount of wei is at least 0");
    }
    if (v.contains(".") || v.contains("e") || v.contains("E")) {
      throw new TypeConversionException("'" + v + "' is not a whole number of wei (1 ether is"
          + " 1000000000000000000 wei)");
    }
    if (!v.matches("[0-9]{1,100}")) {
      throw new TypeConversionException("'" + v + "' is not a decimal number of wei");
    }
    if (new BigInteger(v).compareTo(MAX_UINT256) > 0) {
      throw new TypeConversionException("'" + v + "' is more than a uint256 holds (2^256 - 1)");
    }
    return new BigInteger(v).toString();
  }
}
