package ai.hanzo.node.api.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.InternalServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Server reflection v1alpha next to Armeria's v1. Armeria accepts only one reflection service, and grpc-java's
 * reflection finds the served services through the {@link io.grpc.Server} in the call context, which Armeria only
 * provides to the one it knows. So v1alpha gets its own context: a {@link Server} that merely lists the
 * node's service definitions (older tools such as grpcurl before 1.8 only speak v1alpha).
 */
public final class ReflectionAlias {
  private ReflectionAlias() {}

  @SuppressWarnings("deprecation")
  public static ServerServiceDefinition v1alpha(List<ServerServiceDefinition> served) {
    Server listing = new ServiceListing(served);
    ServerInterceptor withServer = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(InternalServer.SERVER_CONTEXT_KEY, listing),
            call, headers, next);
      }
    };
    return ServerInterceptors.intercept(ProtoReflectionService.newInstance(), withServer);
  }

  /** Only the service list is real: reflection never starts or stops the server it is given. */
  private static final class ServiceListing extends Server {
    private final List<ServerServiceDefinition> services;

    ServiceListing(List<ServerServiceDefinition> services) {
      this.services = List.copyOf(services);
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
      return services;
    }

    @Override
    public List<ServerServiceDefinition> getImmutableServices() {
      return services;
    }

    @Override
    public List<ServerServiceDefinition> getMutableServices() {
      return List.of();
    }

    @Override
    public Server start() {
      return this;
    }

    @Override
    public Server shutdown() {
      return this;
    }

    @Override
    public Server shutdownNow() {
      return this;
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }

    @Override
    public void awaitTermination() {}
  }
}
