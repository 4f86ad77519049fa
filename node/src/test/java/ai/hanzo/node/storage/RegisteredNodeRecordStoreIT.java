package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredNodeRecordStoreIT extends DatabaseFixture {

  @Test
  void putsUpdatesListsAndDeletesAcrossReopen() {
    List<RegisteredNodeRecord> samples = new java.util.ArrayList<>();
    RandomCases.forAll(20, g -> samples.add(SampleRecords.registeredNode(g)));
    samples.forEach(db().registeredNodes()::put);
    RegisteredNodeRecord first = samples.get(0);
    RegisteredNodeRecord offline = new RegisteredNodeRecord(first.nodeId(), first.publicKeyBase64(),
        first.operatorAddress(), first.endpoint(), first.capabilities(), "OFFLINE", first.registeredAt(),
        first.confirmedAt(), first.lastSeen(), first.lastMetrics(), null, List.of());
    assertThat(db().registeredNodes().update(first.nodeId(), r -> offline)).contains(offline);

    RegisteredNodeRecordStore nodes = reopen().registeredNodes();
    assertThat(nodes.get(first.nodeId())).contains(offline);
    assertThat(nodes.list()).hasSize(samples.stream().map(RegisteredNodeRecord::nodeId).distinct().toList().size());
    assertThat(nodes.delete(first.nodeId())).isTrue();
    assertThat(nodes.get(first.nodeId())).isEmpty();
    assertThat(nodes.update("nobody", r -> r)).isEmpty();
  }

  @Test
  void aDatabaseFromBeforeTheRegistryGetsItsColumnFamilyOnOpen() throws Exception {
    // A marked database with the column families of the first storage format, without registered_nodes.
    RawRocks.createEmpty(dbDir(), "deployments", "containers", "metrics", "config", "iam_roles", "iam_bindings",
        "iam_api_keys", "audit", "peers", "events");
    RawRocks.put(dbDir(), "config", DatabaseFormat.OWNER_KEY, KeyCodec.text(DatabaseFormat.OWNER));
    RawRocks.put(dbDir(), "config", DatabaseFormat.VERSION_KEY, KeyCodec.text("1"));
    RawRocks.put(dbDir(), "config", KeyCodec.text("node.id"), "old-node".getBytes(StandardCharsets.UTF_8));

    RandomCases.forAll(1, g -> db().registeredNodes().put(SampleRecords.registeredNode(g)));
    assertThat(reopen().registeredNodes().list()).hasSize(1);
    assertThat(db().config().get("node.id")).contains("old-node");
  }
}
