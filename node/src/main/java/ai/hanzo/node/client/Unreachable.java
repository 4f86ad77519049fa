package ai.hanzo.node.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Tells a node that could not be reached from a node that answered UNAVAILABLE itself (its storage is down, it is
 * shutting down), and says in a few words why the connection failed, without the transport's exception names:
 * {@code connection refused}, {@code unknown host x}, {@code no answer within 10s}, {@code TLS handshake failed}.
 */
final class Unreachable {
  /** The trailer every error the node itself sends carries (see the API's ErrorMapper). */
  private static final Metadata.Key<String> NODE_ERROR = Metadata.Key.of("hanzo-error-code",
      Metadata.ASCII_STRING_MARSHALLER);
  private static final int MAX_DEPTH = 16;

  private Unreachable() {}

  /** True when {@code e} says the call never reached a node (rather than a node answering UNAVAILABLE). */
  static boolean isUnreachable(StatusRuntimeException e) {
    Metadata trailers = e.getTrailers();
    return e.getStatus().getCode() == Status.Code.UNAVAILABLE
        && (trailers == null || !trailers.containsKey(NODE_ERROR));
  }

  /** A few words on why the connection failed. */
  static String why(StatusRuntimeException e, String timeout) {
    String problem = connectionProblem(e);
    if (problem != null) {
      return problem.equals("timeout") ? "no answer within " + timeout : problem;
    }
    return "the connection failed";
  }

  /** The first cause that names a connection problem; {@code null} when none does. */
  private static String connectionProblem(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof ConnectException) {
        return message.contains("refused") ? "connection refused" : message.contains("timed out")
            ? "timeout" : "cannot connect";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed (is the node serving TLS, and does --tls-ca trust it?)";
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return "timeout";
      }
      if (t instanceof ClosedChannelException || message.contains("connection reset")) {
        return "the connection was closed (is the node serving plain gRPC on this port?)";
      }
    }
    return null;
  }
}
