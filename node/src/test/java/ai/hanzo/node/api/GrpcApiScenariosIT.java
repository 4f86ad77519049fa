package ai.hanzo.node.api;

class GrpcApiScenariosIT extends ApiScenarios {
  @Override
  Transport transport(ApiFixture fixture) {
    return new GrpcTransport(fixture.grpcUri());
  }
}
