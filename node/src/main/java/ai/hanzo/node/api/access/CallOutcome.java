package ai.hanzo.node.api.access;

import ai.hanzo.node.error.NodeException;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

/**
 * How a WebSocket call ended, for the audit: its HTTP status is the upgrade's (101, or 200 over HTTP/2) whatever
 * the call then did, so a stream that fails records its error code here and the audit takes it from here.
 */
public final class CallOutcome {
  private static final AttributeKey<String> KEY = AttributeKey.valueOf(CallOutcome.class, "outcome");

  private CallOutcome() {}

  public static void failed(ServiceRequestContext ctx, NodeException error) {
    ctx.setAttr(KEY, error.code().name());
  }

  /** The error code a stream recorded, else {@code null}. */
  static String recorded(RequestContext ctx) {
    return ctx.attr(KEY);
  }
}
