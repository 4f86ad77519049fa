package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.v1.RespondChallengeRequest;
import ai.hanzo.node.api.v1.RespondChallengeResponse;
import ai.hanzo.node.api.endpoint.QosEndpoint;
import ai.hanzo.node.api.v1.GetChallengeRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.ListProviderSlashesRequest;
import ai.hanzo.node.api.v1.ListProviderSlashesResponse;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListChallengesRequest;
import ai.hanzo.node.api.v1.ListChallengesResponse;
import ai.hanzo.node.api.v1.ListProviderScoresRequest;
import ai.hanzo.node.api.v1.ListProviderScoresResponse;
import ai.hanzo.node.api.v1.QosChallengeResult;
import ai.hanzo.node.api.v1.QosProviderScore;
import ai.hanzo.node.api.v1.QosProviderState;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import ai.hanzo.node.api.v1.VerifyProofRequest;
import ai.hanzo.node.api.v1.VerifyProofResponse;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.StreamObserver;

/**
 * {@code hanzo.node.v1.QosService} over {@link QosEndpoint}. Every method is {@link Blocking}: issuing waits for the
 * challenge's outcome and everything reads RocksDB.
 */
public final class GrpcQosService extends QosServiceGrpc.QosServiceImplBase {
  private final QosEndpoint qos;

  public GrpcQosService(QosEndpoint qos) {
    this.qos = qos;
  }

  @Blocking
  @Override
  public void issueChallenge(IssueChallengeRequest request, StreamObserver<QosChallengeResult> observer) {
    GrpcCalls.unary(request, observer, qos::issue);
  }

  @Blocking
  @Override
  public void listChallenges(ListChallengesRequest request, StreamObserver<ListChallengesResponse> observer) {
    GrpcCalls.unary(request, observer, qos::list);
  }

  @Blocking
  @Override
  public void getChallenge(GetChallengeRequest request, StreamObserver<QosChallengeResult> observer) {
    GrpcCalls.unary(request, observer, qos::get);
  }

  @Blocking
  @Override
  public void verifyProof(VerifyProofRequest request, StreamObserver<VerifyProofResponse> observer) {
    GrpcCalls.unary(request, observer, qos::verify);
  }

  @Blocking
  @Override
  public void getProviderScore(GetProviderRequest request, StreamObserver<QosProviderScore> observer) {
    GrpcCalls.unary(request, observer, qos::score);
  }

  @Blocking
  @Override
  public void listProviderScores(ListProviderScoresRequest request,
      StreamObserver<ListProviderScoresResponse> observer) {
    GrpcCalls.unary(request, observer, qos::scores);
  }

  @Blocking
  @Override
  public void getProviderState(GetProviderRequest request, StreamObserver<QosProviderState> observer) {
    GrpcCalls.unary(request, observer, qos::state);
  }

  @Blocking
  @Override
  public void getProviderHistory(GetProviderHistoryRequest request,
      StreamObserver<ListChallengesResponse> observer) {
    GrpcCalls.unary(request, observer, qos::history);
  }

  @Blocking
  @Override
  public void listProviderSlashes(ListProviderSlashesRequest request,
      StreamObserver<ListProviderSlashesResponse> observer) {
    GrpcCalls.unary(request, observer, qos::slashes);
  }

  @Blocking
  @Override
  public void respondChallenge(RespondChallengeRequest request, StreamObserver<RespondChallengeResponse> observer) {
    GrpcCalls.unary(request, observer, qos::respond);
  }
}
