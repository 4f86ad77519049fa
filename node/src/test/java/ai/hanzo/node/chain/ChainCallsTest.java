package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What the node says of an RPC's garbage: one short line, UNAVAILABLE, numbers checked against their EVM types. */
class ChainCallsTest {
  private static final URI RPC = URI.create("http://user:key@rpc.example:8545/v1/secret");

  @Test
  void messagesAreOneShortLineWithoutTheRpcsPath() {
    NodeException e = ChainCalls.unavailable(RPC, new IOException("Unexpected character ('<' (code 60))\n at [Source:"
        + " REDACTED; line: 1, column: 1]"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.getMessage()).contains("http://rpc.example:8545").contains("Unexpected character")
        .doesNotContain("\n").doesNotContain("secret").doesNotContain("key@");
    assertThat(ChainCalls.shorten("0x" + "f".repeat(500))).hasSizeLessThan(40).endsWith("...");
    assertThat(ChainCalls.shorten("9".repeat(100) + " wei")).hasSizeLessThan(40).endsWith("... wei");
    assertThat(ChainCalls.shorten("x".repeat(1000))).hasSize(303);
  }

  @Test
  void numbersBeyondTheirEvmTypeAreNoProperAnswer() throws IOException {
    assertThat(ChainCalls.uint(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), 256, "a balance")).isNotNull();
    for (BigInteger bad : new BigInteger[] {BigInteger.TWO.pow(256), BigInteger.valueOf(-1), null}) {
      IOException e = catchThrowableOfType(IOException.class, () -> ChainCalls.uint(bad, 256, "a balance"));
      assertThat(e).as(String.valueOf(bad)).isNotNull();
      assertThat(e.getMessage()).contains("a balance").hasSizeLessThan(200);
    }
    assertThat(catchThrowableOfType(IOException.class, () -> ChainCalls.uint(BigInteger.TWO.pow(63), 63,
        "a nonce"))).isNotNull();
  }

  @Test
  void decodingFailuresAreUnavailableButTheNodesOwnErrorsStayAsTheyAre() {
    RuntimeException garbage = ChainCalls.unreadable(RPC, new org.web3j.exceptions.MessageDecodingException(
        "Value must be in format 0x[0-9a-fA-F]+"));
    assertThat(garbage).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(garbage.getMessage()).contains("cannot read").contains("0x[0-9a-fA-F]+");
    NodeException refusal = ChainCalls.precondition("below the minimum");
    assertThat(ChainCalls.unreadable(RPC, refusal)).isSameAs(refusal);
    assertThat(ChainCalls.unreadable(RPC, new ArithmeticException())).isInstanceOf(NodeException.class)
        .hasMessageContaining("ArithmeticException");
  }

  @Test
  void aDeadlineInThePastRefusesWithUnavailable() {
    ChainCalls.requireBefore(System.nanoTime() + 1_000_000_000L, RPC, "in time");
    NodeException late = catchThrowableOfType(NodeException.class,
        () -> ChainCalls.requireBefore(System.nanoTime() - 1, RPC, "the stake waited too long"));
    assertThat(late.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(late.getMessage()).startsWith("the stake waited too long").contains("nothing was sent");
  }
}
