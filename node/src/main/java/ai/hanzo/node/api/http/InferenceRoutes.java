package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.GenerationApi;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.endpoint.ModelRouter;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.InferenceRequests;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.mapping.ModelMessages;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.api.v1.AddUpstreamModelRequest;
import ai.hanzo.node.api.v1.PullModelRequest;
import ai.hanzo.node.api.v1.RemoveModelResponse;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.serving.ServedModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The inference routes: the upstream shapes ({@code POST /v1/inference}, {@code /v1/embed}), the OpenAI-compatible
 * ones ({@code POST /v1/completions}, {@code /v1/chat/completions}, {@code /v1/embeddings}, {@code GET /v1/models}
 * and {@code /v1/models/{model}}), loading and unloading ({@code POST /v1/models/{model}/load|unload}) and the model
 * verbs' mirrors ({@code POST /v1/models/pull}, {@code DELETE /v1/models/{model}},
 * {@code GET /v1/models/{model}/inspect}), a model upload ({@code PUT /v1/models/{model}}, {@link ModelUploadRoute}),
 * all over
 * the one {@link InferenceEndpoint}. Bodies are read and the endpoint called on the blocking executor (it may load a
 * model); text is generated on the engine's threads and written from there, so the event loop never waits.
 * Generation has no request timeout (a long completion is legitimate); a client that disconnects cancels it.
 */
public final class InferenceRoutes {
  private static final MediaType EVENT_STREAM = MediaType.parse("text/event-stream");
  /** {@code x-hanzo-route: network} asks, as the body's {@code route} does, for the network route. */
  static final String ROUTE_HEADER = "x-hanzo-route";
  /** Names the node that served a generation (this one or another), as the body's {@code served_by} does. */
  static final String SERVED_BY_HEADER = "x-hanzo-served-by";

  private final InferenceEndpoint inference;
  private final ModelRouter router;

  public InferenceRoutes(InferenceEndpoint inference, ModelRouter router) {
    this.inference = inference;
    this.router = router;
  }

  public void addTo(ServerBuilder sb) {
    GenerationShape upstream = new GenerationShape.Upstream();
    GenerationShape completions = new GenerationShape.Completions();
    GenerationShape chat = new GenerationShape.Chat();
    route(sb, HttpMethod.POST, "/v1/inference", generation(InferenceRequests::upstream, upstream));
    route(sb, HttpMethod.POST, "/v1/completions", generation(InferenceRequests::completion, completions));
    route(sb, HttpMethod.POST, "/v1/chat/completions", generation(InferenceRequests::chat, chat));
    route(sb, HttpMethod.POST, "/v1/embed", embeddings(upstream, GenerationApi.EMBED));
    route(sb, HttpMethod.POST, "/v1/embeddings", embeddings(chat, GenerationApi.EMBEDDINGS));
    get(sb, "/v1/models", noBody(chat, ctx -> {
      ObjectNode list = GenerationShape.JSON.createObjectNode();
      list.put("object", "list");
      ArrayNode data = list.putArray("data");
      inference.models().forEach(m -> data.add(model(m)));
      return list;
    }));
    get(sb, "/v1/models/{model}", noBody(chat, ctx -> model(inference.model(ctx.pathParam("model")))));
    route(sb, HttpMethod.POST, "/v1/models/{model}/load", noBody(upstream, ctx -> {
      ServedModel served = inference.load(ctx.pathParam("model"));
      ObjectNode node = GenerationShape.JSON.createObjectNode();
      node.put("model", served.name());
      node.put("loaded", true);
      node.put("memory_bytes", served.memoryBytes());
      node.put("context_length", served.contextLength());
      return node;
    }));
    route(sb, HttpMethod.POST, "/v1/models/{model}/unload", noBody(upstream, ctx -> {
      String name = ctx.pathParam("model");
      boolean wasLoaded = inference.unload(name);
      ObjectNode node = GenerationShape.JSON.createObjectNode();
      node.put("model", name);
      node.put("unloaded", wasLoaded);
      return node;
    }));
    // The HTTP mirrors of InferenceService's PullModel, RemoveModel and InspectModel, in its JSON (proto3 JSON of
    // the same messages) and the node's error body, as the other mirror routes answer.
    route(sb, HttpMethod.POST, "/v1/models/pull", HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
      PullModelRequest r = Json.parseRequest(req.contentUtf8(), PullModelRequest.newBuilder()).build();
      return ModelMessages.details(inference.pull(ModelMessages.reference(r), ModelMessages.name(r)), false);
    }));
    route(sb, HttpMethod.POST, "/v1/models/upstream", HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
      AddUpstreamModelRequest r = Json.parseRequest(req.contentUtf8(), AddUpstreamModelRequest.newBuilder()).build();
      return ModelMessages.details(inference.addUpstream(ModelMessages.requiredName(r.getName()),
          ModelMessages.upstream(r)), false);
    }));
    route(sb, HttpMethod.DELETE, "/v1/models/{model}", HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
      String name = ctx.pathParam("model");
      return RemoveModelResponse.newBuilder().setName(name).setWasLoaded(inference.remove(name)).build();
    }));
    get(sb, "/v1/models/{model}/inspect", HttpCalls.json(HttpStatus.OK, (ctx, req) -> {
      InferenceEndpoint.ModelEntry entry = inference.model(ctx.pathParam("model"));
      return ModelMessages.details(entry.record(), entry.loaded(), entry.contextLength());
    }));
    new ModelUploadRoute(inference).addTo(sb);
    sb.service("/ws/inference", new InferenceSocket(inference).service());
  }

  /**
   * An embeddings route: the body read and the batch queued on the blocking executor (or, with {@code route:
   * network} for a model this node does not serve, forwarded to a node that does), the answer written when the
   * engine finishes it (the blocking thread does not wait), naming the node that computed it in {@code served_by}. A client that goes away takes its batch out of the
   * queue, or stops it between inputs.
   */
  private HttpService embeddings(GenerationShape shape, GenerationApi api) {
    boolean openAi = api == GenerationApi.EMBEDDINGS;
    return (ctx, req) -> {
      Cancellation cancellation = new Cancellation();
      ctx.whenRequestCancelling().thenRun(cancellation::cancel);
      ctx.log().whenComplete().thenRun(cancellation::cancel);
      return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
        try {
          JsonNode body = body(agg);
          String model = InferenceRequests.model(body);
          List<String> inputs = InferenceRequests.embedInputs(body, "input");
          boolean base64 = EmbeddingShape.base64(body, openAi);
          boolean network = InferenceRequests.networkRoute(body, agg.headers().get(ROUTE_HEADER));
          ModelRouter.RoutedEmbeddings routed = router.embed(model, inputs, network, api, newId(shape),
              cancellation);
          return HttpResponse.of(routed.embeddings().handle((vectors, failure) -> {
            if (failure != null) {
              return error(shape, failure);
            }
            if (vectors == null) {
              return error(shape, new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled"));
            }
            ObjectNode answer = EmbeddingShape.body(model, vectors, openAi, base64);
            answer.put("served_by", routed.servedBy());
            return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
                .add(SERVED_BY_HEADER, routed.servedBy()).build(), com.linecorp.armeria.common.HttpData.ofUtf8(
                answer.toString()));
          }));
        } catch (RuntimeException e) {
          return error(shape, e);
        }
      }, ctx.blockingTaskExecutor()));
    };
  }

  /** OpenAI's model object, plus whether it is loaded now. */
  private static ObjectNode model(InferenceEndpoint.ModelEntry entry) {
    ObjectNode node = GenerationShape.JSON.createObjectNode();
    node.put("id", entry.record().name());
    node.put("object", "model");
    node.put("created", epochSeconds(entry.record().addedAt()));
    node.put("owned_by", "hanzo-node");
    node.put("loaded", entry.loaded());
    node.put("context_length", entry.contextLength());
    return node;
  }

  private static long epochSeconds(String iso) {
    try {
      return Instant.parse(iso).getEpochSecond();
    } catch (DateTimeParseException | NullPointerException e) {
      return 0;
    }
  }

  /** A generation route: the body read by {@code reader}, answered whole or as a stream in {@code shape}. */
  private HttpService generation(Function<JsonNode, TextGeneration> reader, GenerationShape shape) {
    return (ctx, req) -> {
      ctx.clearRequestTimeout();
      Cancellation cancellation = new Cancellation();
      // A client that goes away (or resets its stream) stops the generation within a token.
      ctx.whenRequestCancelling().thenRun(cancellation::cancel);
      ctx.log().whenComplete().thenRun(cancellation::cancel);
      return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
        try {
          JsonNode body = body(agg);
          TextGeneration request = reader.apply(body);
          boolean network = InferenceRequests.networkRoute(body, agg.headers().get(ROUTE_HEADER));
          return request.stream() ? stream(request, network, shape, cancellation)
              : whole(request, network, shape, cancellation);
        } catch (RuntimeException e) {
          return error(shape, e);
        }
      }, ctx.blockingTaskExecutor()));
    };
  }

  private HttpResponse whole(TextGeneration request, boolean network, GenerationShape shape,
      Cancellation cancellation) {
    String id = newId(shape);
    ModelRouter.Routed routed = router.generate(request, network, shape.api(), id, TokenSink.discard(),
        cancellation);
    CompletableFuture<Completion> running = routed.completion();
    long created = Instant.now().getEpochSecond();
    return HttpResponse.of(running.handle((completion, failure) -> {
      if (failure != null) {
        return error(shape, failure);
      }
      if (completion.finishReason() == FinishReason.CANCELLED) {
        return error(shape, interrupted(request, cancellation));
      }
      ObjectNode body = shape.complete(id, created, request.model(), completion);
      body.put("served_by", routed.servedBy());
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
          .add(SERVED_BY_HEADER, routed.servedBy()).build(), com.linecorp.armeria.common.HttpData.ofUtf8(
          body.toString()));
    }));
  }

  /**
   * Everything that refuses the request does so before the headers (a real status code). The headers are written
   * with the first token (see {@link SseSink}), so a generation that fails before any, such as one whose upstream is
   * down, is answered with its status and error body too; a failure after the first token becomes an error event
   * before the end.
   */
  private HttpResponse stream(TextGeneration request, boolean network, GenerationShape shape,
      Cancellation cancellation) {
    String id = newId(shape);
    long created = Instant.now().getEpochSecond();
    HttpResponseWriter res = HttpResponse.streaming();
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    AtomicReference<String> servedBy = new AtomicReference<>("");
    SseSink sink = new SseSink(res, text -> shape.chunk(id, created, request.model(), text).toString(), () -> {
      res.write(ResponseHeaders.builder(HttpStatus.OK).contentType(EVENT_STREAM)
          .add(HttpHeaderNames.CACHE_CONTROL, "no-cache").add(SERVED_BY_HEADER, servedBy.get()).build());
      shape.opening(id, created, request.model()).forEach(chunk -> SseSink.event(res, chunk.toString()));
      answer.complete(res);
    });
    ModelRouter.Routed routed;
    // Held until the route is known, so the first token (which may come at once) names the serving node.
    synchronized (sink) {
      try {
        routed = router.generate(request, network, shape.api(), id, sink, cancellation);
      } catch (RuntimeException e) {
        res.abort();
        throw e;
      }
      servedBy.set(routed.servedBy());
    }
    CompletableFuture<Completion> running = routed.completion();
    res.whenComplete().handle((v, t) -> {
      cancellation.cancel(); // the client went away (or the stream ended, when this changes nothing)
      return null;
    });
    running.whenComplete((completion, failure) -> {
      boolean finished = failure == null && completion.finishReason() != FinishReason.CANCELLED;
      NodeException e = finished ? null
          : failure != null ? ErrorMapper.toNodeException(failure) : interrupted(request, cancellation);
      synchronized (sink) {
        if (e != null && !sink.begun()) {
          res.abort();
          answer.complete(error(shape, e));
          return;
        }
        sink.begin();
      }
      if (finished) {
        ObjectNode closing = shape.closing(id, created, request.model(), completion, request.includeUsage());
        closing.put("served_by", routed.servedBy());
        SseSink.event(res, closing.toString());
        SseSink.event(res, "[DONE]");
      } else {
        SseSink.event(res, shape.errorBody(e));
      }
      res.close();
    });
    return HttpResponse.of(answer);
  }

  /** A generation that ended without finishing: its client left, or the model was unloaded under it. */
  private static NodeException interrupted(TextGeneration request, Cancellation cancellation) {
    return cancellation.isCancelled()
        ? new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled")
        : new NodeException(ErrorCode.UNAVAILABLE, "model '" + request.model() + "' was unloaded during the"
            + " generation; retry", java.util.Map.of("model", request.model()));
  }

  /** A JSON route that answers a body read by {@code handler}. */
  private static HttpService json(GenerationShape shape, Function<JsonNode, ObjectNode> handler) {
    return (ctx, req) -> HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
      try {
        return ok(handler.apply(body(agg)));
      } catch (RuntimeException e) {
        return error(shape, e);
      }
    }, ctx.blockingTaskExecutor()));
  }

  /** A route whose body, if any, is ignored (listing, load, unload). */
  private static HttpService noBody(GenerationShape shape, Function<ServiceRequestContext, ObjectNode> handler) {
    return (ctx, req) -> HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
      if (!agg.content().isEmpty() && agg.contentType() == null) {
        return error(shape, untyped());
      }
      try {
        return ok(handler.apply(ctx));
      } catch (RuntimeException e) {
        return error(shape, e);
      }
    }, ctx.blockingTaskExecutor()));
  }

  /**
   * The body as JSON. The server's guard already refused any Content-Type but JSON (415); a body that came without
   * one is refused here, as on every other route.
   */
  private static JsonNode body(AggregatedHttpRequest agg) {
    if (!agg.content().isEmpty() && agg.contentType() == null) {
      throw untyped();
    }
    return InferenceRequests.parse(agg.contentUtf8());
  }

  private static UntypedBody untyped() {
    return new UntypedBody();
  }

  /** Marks the missing Content-Type, answered 415 rather than 400. */
  private static final class UntypedBody extends RuntimeException {
    UntypedBody() {
      super("request bodies must be Content-Type: application/json, was none", null, false, false);
    }
  }

  private static HttpResponse ok(ObjectNode body) {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.toString());
  }

  /**
   * RESOURCE_EXHAUSTED here is a full queue: 429 with Retry-After, which clients (the OpenAI SDKs among them)
   * retry, rather than the 507 the node answers for a full disk.
   */
  static HttpResponse error(GenerationShape shape, Throwable failure) {
    if (failure instanceof UntypedBody) {
      return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.JSON_UTF_8,
          shape.errorBody(new NodeException(ErrorCode.INVALID_ARGUMENT, failure.getMessage())));
    }
    NodeException e = ErrorMapper.toNodeException(failure);
    if (e.code() == ErrorCode.RESOURCE_EXHAUSTED) {
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.JSON_UTF_8)
          .add(HttpHeaderNames.RETRY_AFTER, e.details().getOrDefault("retry_after_seconds", "1")).build(),
          com.linecorp.armeria.common.HttpData.ofUtf8(shape.errorBody(e)));
    }
    return HttpResponse.of(ErrorMapper.httpStatus(e.code()), MediaType.JSON_UTF_8, shape.errorBody(e));
  }

  private static String newId(GenerationShape shape) {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return shape.idPrefix() + HexFormat.of().formatHex(random);
  }

  private static void get(ServerBuilder sb, String path, HttpService service) {
    route(sb, HttpMethod.GET, path, service);
  }

  private static void route(ServerBuilder sb, HttpMethod method, String path, HttpService service) {
    sb.route().methods(method).path(path).build(service);
  }
}
