package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.host.Host;
import java.util.function.Function;

/**
 * A protocol that is one server and one client on the node's host: the server registers at start and unregisters
 * at close, the client is made once the host exists. Each protocol subclasses it (a line) so callers find it by
 * type in the {@link ProtocolRegistry}.
 *
 * @param <C> the client
 */
public abstract class ServedProtocol<C> implements P2pProtocol {
  /** A server of one protocol id on a host. */
  public interface Server extends AutoCloseable {
    void start();

    @Override
    void close();
  }

  private final Function<Host, ? extends Server> servers;
  private final Function<Host, ? extends C> clients;
  private Server server;
  private volatile C client;

  protected ServedProtocol(Function<Host, ? extends Server> servers, Function<Host, ? extends C> clients) {
    this.servers = servers;
    this.clients = clients;
  }

  @Override
  public final void start(ProtocolContext context) {
    server = servers.apply(context.host());
    server.start();
    client = clients.apply(context.host());
  }

  /** The client; null before start. */
  public final C client() {
    return client;
  }

  @Override
  public final void close() {
    server.close();
  }
}
