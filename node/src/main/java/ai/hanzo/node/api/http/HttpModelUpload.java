package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.ModelUploadSteps;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.mapping.ModelMessages;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.serving.ModelUploads;
import ai.hanzo.node.models.ModelRecord;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One {@code PUT /v1/models/{model}}: as {@code ModelUploadCall} does for gRPC, every step (begin, each write,
 * finish, the answer) runs in order on the request's blocking executor, and a piece of the body is asked for only
 * once an earlier one is on disk ({@link #AHEAD} in flight), so a client faster than the disk cannot fill the node's
 * memory and the event loop (which only hands the pieces over) never waits for the disk. The body is never
 * aggregated. A client that sends nothing for {@code idle} gets 408; one that goes away just ends it; either way
 * its file is deleted.
 */
final class HttpModelUpload extends ModelUploadSteps implements Subscriber<HttpObject> {
  /**
   * Pieces of the body asked for ahead of the disk: HTTP hands the body over in pieces of a few KiB, and asking for
   * one at a time costs a hop to the blocking pool and back per piece; a few in flight keep the disk busy while
   * memory stays bounded (this many pieces, not the file).
   */
  private static final int AHEAD = 8;

  private final Supplier<ModelUploads> uploads;
  private final ServiceRequestContext ctx;
  private final HttpRequest request;
  private final String name;
  private final long size;
  private final String sha256;
  private final CompletableFuture<HttpResponse> answer;
  /** Set on the event loop before the first piece, read by the steps after it. */
  private volatile Subscription subscription;

  HttpModelUpload(Supplier<ModelUploads> uploads, ServiceRequestContext ctx, HttpRequest request, String name,
      long size, String sha256, Duration idle, CompletableFuture<HttpResponse> answer) {
    super(ctx.blockingTaskExecutor(), idle);
    this.uploads = uploads;
    this.ctx = ctx;
    this.request = request;
    this.name = name;
    this.size = size;
    this.sha256 = sha256;
    this.answer = answer;
  }

  /** Begins the upload (refused before a byte is read when it may not), then reads the body. */
  void start() {
    steps.execute(() -> {
      try {
        upload = uploads.get().begin(name, size, sha256);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      armStall();
      request.subscribe(this, ctx.eventLoop());
    });
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    s.request(AHEAD);
  }

  @Override
  public void onNext(HttpObject piece) {
    if (!(piece instanceof HttpData data)) {
      subscription.request(1); // trailers: nothing to store
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(data.array());
    steps.execute(() -> {
      if (ended()) {
        return;
      }
      disarmStall();
      try {
        upload.write(bytes);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      armStall();
      subscription.request(1);
    });
  }

  @Override
  public void onError(Throwable t) {
    steps.execute(() -> {
      end("the client went away before the end of the body (" + t + ")");
      // Nobody may read it, but the response must end.
      answer.complete(ModelUploadRoute.refusal(new NodeException(ErrorCode.UNAVAILABLE, "the upload of model '"
          + name + "' ended before its body did; nothing was kept")));
    });
  }

  @Override
  public void onComplete() {
    steps.execute(() -> {
      if (ended()) {
        return;
      }
      disarmStall();
      ModelRecord stored;
      try {
        stored = upload.finish();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      end(null);
      answer.complete(HttpResponse.of(ResponseHeaders.builder(HttpStatus.CREATED).contentType(MediaType.JSON_UTF_8)
          .add(HttpHeaderNames.LOCATION, "/v1/models/" + stored.name()).build(),
          HttpData.ofUtf8(Json.print(ModelMessages.details(stored, false)))));
    });
  }

  @Override
  protected void fail(RuntimeException e) {
    end(null);
    request.abort(); // the rest of the body is not wanted
    answer.complete(ModelUploadRoute.refusal(e));
  }
}
