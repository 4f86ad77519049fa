package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The listener's per-stream negotiation (one instance per inbound stream): looks each proposal up
 * in a registry and hands the stream, with any bytes that followed, to the handler found.
 */
public final class MultistreamListener extends StreamNegotiator {
  private final Registry registry;

  /**
   * @param registry the handler for a protocol id, if supported
   * @param advertised what {@code ls} answers
   */
  public MultistreamListener(
      Function<String, Optional<StreamHandler>> registry, List<String> advertised,
      Duration timeout) {
    this(new Registry(registry), advertised, timeout);
  }

  public MultistreamListener(
      Function<String, Optional<StreamHandler>> registry, List<String> advertised) {
    this(registry, advertised, MultistreamHandler.DEFAULT_TIMEOUT);
  }

  private MultistreamListener(Registry registry, List<String> advertised, Duration timeout) {
    super(new ListenerNegotiation(registry::lookUp, advertised), timeout);
    this.registry = registry;
  }

  @Override
  void onSelected(MuxedStream stream, String protocol, ByteBuf remainder) {
    stream.setHandler(registry.found, remainder);
  }

  @Override
  void onFailed(MuxedStream stream, Throwable cause) {
    // The stream is reset; nothing else to tell.
  }

  /** Remembers the handler of the last protocol looked up, so selection needs no second lookup. */
  private static final class Registry {
    private final Function<String, Optional<StreamHandler>> lookup;
    private StreamHandler found;

    Registry(Function<String, Optional<StreamHandler>> lookup) {
      this.lookup = lookup;
    }

    boolean lookUp(String protocol) {
      found = lookup.apply(protocol).orElse(null);
      return found != null;
    }
  }
}
