package ai.hanzo.node.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The chain the node follows, when one is configured ({@code --chain-rpc}). {@code rpc} is null when none is: the
 * node then follows no chain and nothing chain-related runs.
 *
 * @param chainId the chain id the RPC must answer ({@code eth_chainId}); checked at start
 * @param registryContract the operator registry's address (0x and 40 hex digits, lower case), if configured
 * @param confirmations blocks on top of a block before the node treats it as final
 * @param pollInterval how often the head is polled: about one block time is enough
 * @param maxLag a head older than this (by its timestamp), or no answer for this long, is "not synced"
 * @param operatorKeystore the operator's account ({@code --operator-keystore}), with which the node signs its
 *     registration and stake changes; empty: the node sends no transactions
 * @param stakeRefreshBlocks a peer's stake read from the registry is reused until the head moved this many blocks
 * @param requireStake gossip of peers whose PeerId is not bound to an operator with the minimum stake is ignored
 * @param rpcTimeout the most one JSON-RPC call may take, from connecting to the last byte of the answer; an RPC
 *     that hangs longer is unreachable for that call
 * @param qosSlashQuorum 0: this node slashes nobody (the default); K (1-8): as the registry's slasher, it slashes a
 *     provider once K distinct staked challengers reported a failed QoS challenge of it ({@code --qos-slash-quorum})
 */
public record ChainConfig(URI rpc, long chainId, Optional<String> registryContract, int confirmations,
    Duration pollInterval, Duration maxLag, Optional<OperatorKeystore> operatorKeystore, int stakeRefreshBlocks,
    boolean requireStake, Duration rpcTimeout, int qosSlashQuorum) {
  /** The largest quorum: evidence holds one signed result per challenger, so it stays a few tens of KiB. */
  public static final int MAX_QOS_SLASH_QUORUM = 8;
  public static final int DEFAULT_CONFIRMATIONS = 12;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(60);
  /** About a minute at a 2 s block time: a peer that drops below the minimum is noticed about that late. */
  public static final int DEFAULT_STAKE_REFRESH_BLOCKS = 30;
  /**
   * Per call: a healthy RPC answers in milliseconds, a loaded public one within a second or two; the API's operator
   * calls answer within 8 s, so one hung call still leaves room for a clear answer.
   */
  public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(5);
  /** No chain: the default of every node that is not given {@code --chain-rpc}. */
  public static final ChainConfig NONE = new ChainConfig(null, 0, Optional.empty(), DEFAULT_CONFIRMATIONS,
      DEFAULT_POLL_INTERVAL, DEFAULT_MAX_LAG);

  public ChainConfig {
    registryContract = registryContract == null ? Optional.empty() : registryContract;
    operatorKeystore = operatorKeystore == null ? Optional.empty() : operatorKeystore;
    rpcTimeout = rpcTimeout == null ? DEFAULT_RPC_TIMEOUT : rpcTimeout;
    if (qosSlashQuorum < 0 || qosSlashQuorum > MAX_QOS_SLASH_QUORUM) {
      throw new IllegalArgumentException("qosSlashQuorum must be 0 to " + MAX_QOS_SLASH_QUORUM);
    }
  }

  /** A chain followed with the default RPC timeout by a node that slashes nobody. */
  public ChainConfig(URI rpc, long chainId, Optional<String> registryContract, int confirmations,
      Duration pollInterval, Duration maxLag, Optional<OperatorKeystore> operatorKeystore, int stakeRefreshBlocks,
      boolean requireStake) {
    this(rpc, chainId, registryContract, confirmations, pollInterval, maxLag, operatorKeystore, stakeRefreshBlocks,
        requireStake, DEFAULT_RPC_TIMEOUT, 0);
  }

  /** A chain followed without an operator account. */
  public ChainConfig(URI rpc, long chainId, Optional<String> registryContract, int confirmations,
      Duration pollInterval, Duration maxLag) {
    this(rpc, chainId, registryContract, confirmations, pollInterval, maxLag, Optional.empty());
  }

  /** A chain followed without requiring stake of peers. */
  public ChainConfig(URI rpc, long chainId, Optional<String> registryContract, int confirmations,
      Duration pollInterval, Duration maxLag, Optional<OperatorKeystore> operatorKeystore) {
    this(rpc, chainId, registryContract, confirmations, pollInterval, maxLag, operatorKeystore,
        DEFAULT_STAKE_REFRESH_BLOCKS, false);
  }

  public boolean enabled() {
    return rpc != null;
  }
}
