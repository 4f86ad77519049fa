package ai.hanzo.node.chain;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.StorageException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Response;

/** The mapping of RPC failures onto the node's error codes, shared by the sender and the operator service. */
final class ChainCalls {
  private static final Logger log = LoggerFactory.getLogger(ChainCalls.class);
  /** A number longer than this is shown by its first digits and its length: an RPC's garbage is not echoed whole. */
  private static final int SHOWN_DIGITS = 24;

  private ChainCalls() {}

  /** The answer, or IOException when the RPC answered a JSON-RPC error. */
  static <T extends Response<?>> T answer(T response, String what) throws IOException {
    if (response.hasError()) {
      throw new IOException(what + ": the RPC answered error " + response.getError().getCode() + ": "
          + shorten(String.valueOf(response.getError().getMessage())));
    }
    return response;
  }

  /**
   * {@code value} when it fits an unsigned integer of {@code bits} bits (what the EVM gives such a quantity);
   * IOException otherwise: an RPC that answers a negative balance or a 300-bit nonce is not answering properly.
   */
  static BigInteger uint(BigInteger value, int bits, String what) throws IOException {
    if (value == null) {
      throw new IOException("the RPC answered no number for " + what);
    }
    if (value.signum() < 0 || value.bitLength() > bits) {
      throw new IOException("the RPC answered " + shorten(value.toString()) + " for " + what + ", which is no"
          + " unsigned " + bits + "-bit number");
    }
    return value;
  }

  /** UNAVAILABLE unless it is still before {@code deadline} ({@link System#nanoTime}); nothing was sent yet. */
  static void requireBefore(long deadline, URI rpc, String what) {
    if (System.nanoTime() - deadline > 0) {
      throw new NodeException(ErrorCode.UNAVAILABLE, what + " (the chain RPC " + ChainFollower.redacted(rpc)
          + " answers slowly or not at all); nothing was sent, try again once it answers");
    }
  }

  /** An RPC that cannot be reached or answers garbage: UNAVAILABLE, naming the RPC without its path. */
  static NodeException unavailable(URI rpc, Exception e) {
    return new NodeException(ErrorCode.UNAVAILABLE, "the chain RPC " + ChainFollower.redacted(rpc)
        + " does not answer properly: " + shorten(describe(e)) + "; try again once it does");
  }

  /**
   * What a chain call threw that is not an IOException: the node's own refusals and storage failures as they are,
   * anything else (web3j's decoding of an answer of the wrong type, a number too large for its field) is an RPC
   * answering garbage, UNAVAILABLE. The stack goes to the debug log, in case it was the node's own fault.
   */
  static RuntimeException unreadable(URI rpc, RuntimeException e) {
    if (e instanceof NodeException || e instanceof StorageException) {
      return e;
    }
    log.debug("An answer of the chain RPC {} could not be used", ChainFollower.redacted(rpc), e);
    return unavailable(rpc, new IOException("an answer the node cannot read (" + describe(e) + ")"));
  }

  /** A call to the RPC that may fail with IOException. */
  @FunctionalInterface
  interface RpcCall<T> {
    T call() throws IOException;
  }

  /**
   * Starts {@code call} on {@code reads}, so that independent reads of one transaction overlap instead of waiting
   * for each other; {@link #await} takes its answer (or what it threw) back.
   */
  static <T> CompletableFuture<T> start(RpcCall<T> call, Executor reads) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, reads);
  }

  /**
   * The answer of a call {@link #start started} earlier, or what it threw, as it threw it. Never waits for ever:
   * every call to the RPC is bounded by {@code --chain-rpc-timeout}.
   */
  static <T> T await(CompletableFuture<T> started) throws IOException {
    try {
      return started.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  static NodeException precondition(String message) {
    return new NodeException(ErrorCode.FAILED_PRECONDITION, message);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * One line of at most a few hundred characters, long digit runs cut: messages quote what an RPC said (or what a
   * parser said of it, Jackson's location lines included), never all of it.
   */
  static String shorten(String text) {
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    String cut = line.replaceAll("(0x[0-9a-fA-F]{" + SHOWN_DIGITS + "})[0-9a-fA-F]{8,}", "$1...")
        .replaceAll("(?<![0-9a-fA-Fx])([0-9]{" + SHOWN_DIGITS + "})[0-9]{8,}", "$1...");
    return cut.length() > 300 ? cut.substring(0, 300) + "..." : cut;
  }
}
