package ai.hanzo.node.api.http.ui;

import ai.hanzo.node.iam.RpcPermissions;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.encoding.EncodingService;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.common.ServerCacheControl;

/**
 * Serves the dashboard: {@code /ui/...} from the jar's {@code ui/} resources ({@code /ui/} is its
 * {@code index.html}), {@code /ui} redirects there. Each file carries an ETag and {@code no-cache}, so a browser
 * revalidates (a 304 without a body) and never runs the files of an older node after an upgrade; text is gzipped
 * for clients that accept it. Armeria's FileService reads a jar entry on the blocking executor, never on the event
 * loop, and keeps small ones in memory.
 */
public final class DashboardRoutes {
  /** The resource directory in the jar. */
  static final String RESOURCES = "ui";

  public void addTo(ServerBuilder sb) {
    FileService files = FileService.builder(DashboardRoutes.class.getClassLoader(), RESOURCES)
        .cacheControl(ServerCacheControl.REVALIDATED)
        .autoIndex(false)
        .build();
    sb.serviceUnder(RpcPermissions.DASHBOARD + "/", files
        .decorate(EncodingService.newDecorator())
        .decorate(new DashboardHeaders()));
    sb.service(RpcPermissions.DASHBOARD, (ctx, req) ->
        HttpResponse.ofRedirect(HttpStatus.FOUND, RpcPermissions.DASHBOARD + "/"));
  }
}
