package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;

/** The registry's custom errors read as sentences with their arguments; unknown data is shown, not guessed. */
class RegistryAbiTest {
  @Test
  void customErrorsAreExplainedWithTheirArguments() {
    String below = selector("StakeBelowMinimum(uint256,uint256)") + TypeEncoder.encode(new Uint256(5))
        + TypeEncoder.encode(new Uint256(BigInteger.TEN.pow(18)));
    assertThat(RegistryAbi.explainRevert(below))
        .isEqualTo("the stake would be 5 wei, below the registry's minimum of 1000000000000000000 wei");
    assertThat(RegistryAbi.explainRevert(selector("StillUnbonding(uint64)")
        + TypeEncoder.encode(new Uint64(86_400)))).isEqualTo("the stake is unbonding until 1970-01-02T00:00:00Z"
        + " (chain time)");
    assertThat(RegistryAbi.explainRevert("\"" + selector("NothingToWithdraw()") + "\""))
        .contains("nothing is unbonding");
  }

  @Test
  void unknownOrTruncatedRevertDataIsShownAsSuch() {
    assertThat(RegistryAbi.explainRevert("0xdeadbeef")).contains("revert data 0xdeadbeef");
    assertThat(RegistryAbi.explainRevert(selector("StakeBelowMinimum(uint256,uint256)") + "00"))
        .startsWith("the registry refused the transaction");
    assertThat(RegistryAbi.explainRevert(null)).isEqualTo("the registry refused the transaction");
  }

  @Test
  void theBindingMessageIsDomainOperatorChainIdAndRegistryPacked() {
    byte[] message = RegistryAbi.bindingMessage("0x" + "11".repeat(20), 1337, "0x" + "22".repeat(20));
    assertThat(message).hasSize(RegistryAbi.BINDING_DOMAIN.length + 20 + 32 + 20);
    assertThat(message[RegistryAbi.BINDING_DOMAIN.length]).isEqualTo((byte) 0x11);
    assertThat(message[RegistryAbi.BINDING_DOMAIN.length + 20 + 31]).isEqualTo((byte) (1337 & 0xff));
    assertThat(message[message.length - 1]).isEqualTo((byte) 0x22);
  }

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }
}
