package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.ChangeStakeRequest;
import ai.hanzo.node.api.v1.DeregisterNodeRequest;
import ai.hanzo.node.api.v1.ExitOperatorRequest;
import ai.hanzo.node.api.v1.GetOperatorStatusRequest;
import ai.hanzo.node.api.v1.OperatorStatus;
import ai.hanzo.node.api.v1.OperatorTransaction;
import ai.hanzo.node.api.v1.RegisterOperatorRequest;
import ai.hanzo.node.api.v1.WithdrawStakeRequest;
import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.chain.OperatorState;
import ai.hanzo.node.chain.SubmittedTx;
import ai.hanzo.node.chain.WeiAmounts;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.ChainTxRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * RegisterOperator, GetOperatorStatus, ChangeStake, ExitOperator, WithdrawStake and DeregisterNode over the node's
 * {@link OperatorService}. The service does the chain work on its own thread; these methods (on the servers'
 * blocking executors) wait for it at most {@link #ANSWER_WITHIN}, so a call answers before the server's request
 * timeout: with the transaction's final state when it got there, else with PENDING or MINED while the node keeps
 * following it.
 */
public final class OperatorsEndpoint {
  /**
   * Below Armeria's default request timeout of 10 s, with room for the answer; above the service's
   * {@link OperatorService#SUBMIT_WITHIN}, so a call against an RPC that hangs hears the service's own UNAVAILABLE
   * (nothing sent) rather than a timeout of its own.
   */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

  private final Optional<OperatorService> operators;

  public OperatorsEndpoint(Optional<OperatorService> operators) {
    this.operators = operators;
  }

  public OperatorTransaction register(RegisterOperatorRequest request) {
    OperatorService service = service();
    requireOwnAccount(service, request.getOperator());
    BigInteger stake = WeiAmounts.parse("stake_wei", request.getStakeWei().isEmpty() ? "0" : request.getStakeWei());
    return settle(() -> service.register(request.getEndpoint(), request.getCapabilitiesHash(), stake));
  }

  public OperatorTransaction changeStake(ChangeStakeRequest request) {
    OperatorService service = service();
    requireOwnAccount(service, request.getOperator());
    BigInteger amount = WeiAmounts.parsePositive("amount", request.getAmount());
    return switch (request.getAction()) {
      case "increase" -> settle(() -> service.increaseStake(amount));
      case "decrease" -> settle(() -> service.requestDecrease(amount));
      default -> throw NodeException.invalidField("action", "must be \"increase\" or \"decrease\", was '"
          + request.getAction() + "'");
    };
  }

  public OperatorTransaction exit(ExitOperatorRequest request) {
    OperatorService service = service();
    requireOwnAccount(service, request.getOperator());
    return settle(service::exit);
  }

  public OperatorTransaction withdraw(WithdrawStakeRequest request) {
    OperatorService service = service();
    requireOwnAccount(service, request.getOperator());
    return settle(service::withdraw);
  }

  public OperatorTransaction deregister(DeregisterNodeRequest request) {
    OperatorService service = service();
    requireOwnAccount(service, request.getOperator());
    return settle(() -> service.deregister(request.getNodeId().trim()));
  }

  public OperatorStatus status(GetOperatorStatusRequest request) {
    OperatorService service = service();
    // No operator named: this node's own account, when it has one.
    String operator = OperatorService.requireAddress("operator", request.getOperator().isEmpty()
        ? service.operatorAddress().orElse("") : request.getOperator());
    OperatorState state = await(service.status(operator), ANSWER_WITHIN, "; try again");
    OperatorStatus.Builder answer = OperatorStatus.newBuilder().setOperator(state.operator())
        .setStakeWei(state.stake().toString()).setUnbondingWei(state.unbonding().toString())
        .setUnbondingEndUnix(state.unbondingEnd()).setNodeCount((int) state.nodeCount())
        .setMinStakeWei(state.minStake().toString()).setUnbondingPeriodSeconds(state.unbondingPeriodSeconds())
        .setRegistry(state.registry()).setChainId(state.chainId()).setNodeId(state.nodeId())
        .setNodeOperator(state.nodeOperator()).setNodeAccount(service.operatorAddress().orElse(""))
        .setCapabilitiesHash("0x" + java.util.HexFormat.of().formatHex(service.ownCapabilitiesHash()))
        .setRegisteredCapabilitiesHash(state.registeredCapabilitiesHash());
    state.transactions().forEach(tx -> answer.addPending(transaction(tx)));
    return answer.build();
  }

  /** The path's or body's operator must be the account this node signs with: it cannot act for another. */
  private static void requireOwnAccount(OperatorService service, String operator) {
    if (operator.isEmpty()) {
      return;
    }
    String asked = OperatorService.requireAddress("operator", operator);
    Optional<String> own = service.operatorAddress();
    if (own.isPresent() && !own.get().equals(asked)) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node signs for operator " + own.get()
          + ", not " + asked + "; send the call to that operator's node");
    }
  }

  /**
   * Waits for the submission (the chain's refusals surface here, before anything was sent), then for the final
   * state within what is left of {@link #ANSWER_WITHIN}. A reverted or dropped transaction is FAILED_PRECONDITION.
   */
  private OperatorTransaction settle(Supplier<CompletableFuture<SubmittedTx>> submit) {
    long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
    SubmittedTx submitted = await(submit.get(), ANSWER_WITHIN, " (the transaction may still be sent: check the"
        + " operator's status, which lists it, before trying again)");
    ChainTxRecord record;
    try {
      record = submitted.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException notYet) {
      record = service().transaction(submitted.journaled().hash()).orElse(submitted.journaled());
    } catch (ExecutionException e) {
      throw ai.hanzo.node.api.mapping.ErrorMapper.toNodeException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the chain");
    }
    if (record.state().equals("REVERTED") || record.state().equals("DROPPED")) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "the " + record.action() + " transaction "
          + record.hash() + " is " + record.state() + ": " + record.detail());
    }
    return transaction(record);
  }

  private static <T> T await(CompletableFuture<T> future, Duration within, String advice) {
    try {
      return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw ai.hanzo.node.api.mapping.ErrorMapper.toNodeException(e.getCause());
    } catch (TimeoutException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the chain RPC did not answer within "
          + within.toSeconds() + " s" + advice);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the chain");
    }
  }

  static OperatorTransaction transaction(ChainTxRecord tx) {
    return OperatorTransaction.newBuilder().setTxHash(tx.hash()).setAction(tx.action()).setState(tx.state())
        .setOperator(tx.from()).setNonce(tx.nonce()).setValueWei(tx.valueWei()).setBlockNumber(tx.blockNumber())
        .setDetail(tx.detail()).build();
  }

  private OperatorService service() {
    return operators.orElseThrow(() -> new NodeException(ErrorCode.FAILED_PRECONDITION, "this node has no"
        + " operator registry: start it with --chain-rpc, --chain-id and --registry-contract"));
  }
}
