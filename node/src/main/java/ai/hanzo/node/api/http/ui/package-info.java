/**
 * The operator's dashboard as the node serves it: the static files under {@code /ui/} (plain ES modules, CSS and
 * one HTML page, packed in the jar from {@code src/main/resources/ui/}), gzip-encoded, revalidated by ETag, and
 * sent with a strict Content-Security-Policy (scripts and styles of this origin only, no inline script, no
 * framing). The files are public (see {@code RpcPermissions.isPublicAsset}); everything the dashboard shows comes
 * from the node's ordinary HTTP/JSON and WebSocket routes with the signed-in caller's credential. Never uses the
 * gRPC transport.
 */
package ai.hanzo.node.api.http.ui;
