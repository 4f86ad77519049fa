package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.KeysEndpoint;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.v1.CreateApiKeyRequest;
import ai.hanzo.node.api.v1.RemoveBindingRequest;
import ai.hanzo.node.api.v1.RevokeApiKeyRequest;
import ai.hanzo.node.api.v1.SetBindingRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;

/**
 * The HTTP mirror of the key and binding admin calls: {@code /v1/keys} and {@code /v1/bindings} (a subject may hold
 * '/', so it travels in bodies).
 */
public final class KeysRoutes {
  private final KeysEndpoint keys;

  public KeysRoutes(KeysEndpoint keys) {
    this.keys = keys;
  }

  public void addTo(ServerBuilder sb) {
    sb.route().get("/v1/keys").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> keys.list()));
    sb.route().post("/v1/keys").build(HttpCalls.json(HttpStatus.OK, (ctx, req) ->
        keys.create(Json.parseRequest(req.contentUtf8(), CreateApiKeyRequest.newBuilder()).build())));
    sb.route().delete("/v1/keys/{id}").build(HttpCalls.json(HttpStatus.OK, (ctx, req) ->
        keys.revoke(RevokeApiKeyRequest.newBuilder().setId(ctx.pathParam("id")).build())));
    sb.route().get("/v1/bindings").build(HttpCalls.json(HttpStatus.OK, (ctx, req) -> keys.bindings()));
    sb.route().post("/v1/bindings").build(HttpCalls.json(HttpStatus.OK, (ctx, req) ->
        keys.bind(Json.parseRequest(req.contentUtf8(), SetBindingRequest.newBuilder()).build())));
    sb.route().post("/v1/bindings/remove").build(HttpCalls.json(HttpStatus.OK, (ctx, req) ->
        keys.unbind(Json.parseRequest(req.contentUtf8(), RemoveBindingRequest.newBuilder()).build())));
  }
}
