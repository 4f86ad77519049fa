/**
 * The gRPC transport: {@code NodeService}, {@code NodeAdminService} and {@code InferenceService} over the endpoints, the bridge from
 * {@link ai.hanzo.node.api.endpoint.MessageSink} to gRPC response streams, bidirectional exec input, the field-rules
 * interceptor and the v1alpha reflection alias. Every method runs on the blocking executor except the few
 * {@link ai.hanzo.node.api.grpc.EventLoopMethods} names. Never uses the HTTP transport.
 */
package ai.hanzo.node.api.grpc;
