package ai.hanzo.libp2p.kad.query;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Drives a {@link LookupState} with real requests. Each request's answer (the closer peers it
 * named) feeds the state, which then says whom to ask next. Never blocks: it runs on whatever
 * thread completes the answers.
 */
public final class Lookup {
  private final LookupState state;
  private final Function<PeerId, CompletableFuture<List<PeerId>>> ask;
  private final BooleanSupplier done;
  private final CompletableFuture<List<PeerId>> result = new CompletableFuture<>();

  /**
   * @param ask sends the request to one peer; completes with the closer peers it named, or
   *     exceptionally when it did not answer in time
   * @param done checked after every answer: true ends the lookup early (e.g. the value was found)
   */
  private Lookup(LookupState state, Function<PeerId, CompletableFuture<List<PeerId>>> ask,
      BooleanSupplier done) {
    this.state = state;
    this.ask = ask;
    this.done = done;
  }

  /** Runs the lookup; completes with the k closest peers that answered. */
  public static CompletableFuture<List<PeerId>> run(LookupState state,
      Function<PeerId, CompletableFuture<List<PeerId>>> ask, BooleanSupplier done) {
    Lookup lookup = new Lookup(state, ask, done);
    lookup.advance();
    return lookup.result;
  }

  private void advance() {
    List<PeerId> start;
    synchronized (state) {
      if (result.isDone()) {
        return;
      }
      if (done.getAsBoolean() || state.isFinished()) {
        result.complete(state.closestSucceeded());
        return;
      }
      start = state.next();
    }
    for (PeerId peer : start) {
      CompletableFuture<List<PeerId>> answer;
      try {
        answer = ask.apply(peer);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((closer, error) -> {
        synchronized (state) {
          if (error != null) {
            state.failed(peer);
          } else {
            state.succeeded(peer, closer);
          }
        }
        advance();
      });
    }
  }
}
