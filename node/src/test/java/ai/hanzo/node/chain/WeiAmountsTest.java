package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.RandomCases;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WeiAmountsTest {
  @Test
  void wholeNumbersUpToUint256AreAmounts() {
    assertThat(WeiAmounts.parse("amount", "0")).isZero();
    assertThat(WeiAmounts.parse("amount", "1000000000000000000000")).isEqualTo(BigInteger.TEN.pow(21));
    assertThat(WeiAmounts.parse("amount", WeiAmounts.MAX_UINT256.toString())).isEqualTo(WeiAmounts.MAX_UINT256);
    RandomCases.forAll(200, gen -> {
      BigInteger value = new BigInteger(1, gen.bytes(32));
      assertThat(WeiAmounts.parse("amount", value.toString())).isEqualTo(value);
    });
  }

  @Test
  void negativeFractionalOversizedAndGarbageAreInvalidArgumentNamingTheField() {
    for (String bad : new String[] {"-1", "1.5", "1e18", "0x10", " ", "ten", "1_000",
        WeiAmounts.MAX_UINT256.add(BigInteger.ONE).toString()}) {
      assertThatThrownBy(() -> WeiAmounts.parse("stake_wei", bad)).as(bad)
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("stake_wei: ");
          });
    }
    assertThatThrownBy(() -> WeiAmounts.parsePositive("amount", "0")).hasMessageContaining("at least 1 wei");
  }
}
