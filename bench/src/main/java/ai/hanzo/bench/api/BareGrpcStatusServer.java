package ai.hanzo.bench.api;

import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.NodeState;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: plain grpc-java (Netty) answering GetStatus with an equivalent, precomputed message and no node
 * behind it. What the node adds on top (Armeria, error mapping, metrics, reading the sampler) is what we measure.
 */
public final class BareGrpcStatusServer implements AutoCloseable {
  private final Server server;
  private volatile GetStatusResponse answer;

  /**
   * {@code direct}: run calls on the Netty event loop (as Armeria does) instead of grpc-java's default cached
   * thread pool, so the comparison can be made against both.
   */
  public BareGrpcStatusServer(boolean direct) throws IOException {
    answer = GetStatusResponse.newBuilder().setState(NodeState.NODE_STATE_READY)
        .setUptimeSeconds(12345).setMetrics(NodeMetrics.newBuilder().setCpuUsage(0.42).setMemoryUsage(0.37)
            .setDiskUsage(0.12).setNetworkRxBytes(3.1e8).setNetworkTxBytes(1.2e6).setActiveContainers(0))
        .build();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
    if (direct) {
      builder.directExecutor();
    }
    server = builder
        .addService(new NodeServiceGrpc.NodeServiceImplBase() {
          @Override
          public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> observer) {
            observer.onNext(answer);
            observer.onCompleted();
          }
        })
        .build()
        .start();
  }

  /** Answers {@code response} from now on: e.g. the node's own answer, so both serialize the same message. */
  public void answerWith(GetStatusResponse response) {
    answer = response;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
