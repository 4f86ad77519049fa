package ai.hanzo.node.app;

import ai.hanzo.node.p2p.NodeIdentity;
import ai.hanzo.node.storage.ConfigStore;
import ai.hanzo.node.storage.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a node's PeerId from changing behind the operator's back. The node records the PeerId it ran with in its
 * database; when the database says a node ran here but {@code identity.key} is gone, the start is refused instead of
 * creating a new key (other nodes, bindings of {@code peer:<PeerId>} and bootstrap lists know the old PeerId). A
 * fresh directory, or one only prepared offline (e.g. {@code keys create}), still gets a key silently.
 */
final class IdentityContinuity {
  static final String PEER_ID_KEY = "p2p.peer-id";

  private IdentityContinuity() {}

  /** Before the p2p service loads or creates the key. */
  static void check(Path dataDir, ConfigStore config, boolean newIdentity) {
    if (newIdentity || hasKey(dataDir)) {
      return;
    }
    // node.id is stored at every start without --node-id: it marks databases of nodes from before the PeerId record.
    String ranAs = config.get(PEER_ID_KEY).or(() -> config.get(NodeIdSource.KEY).map(id -> "node " + id))
        .orElse(null);
    if (ranAs != null) {
      throw new MissingIdentityException(keyFile(dataDir) + " is missing, but a node already ran on this data"
          + " directory as " + ranAs + ": restore identity.key from a backup to keep its PeerId, or start with"
          + " --new-identity (HANZO_NEW_IDENTITY=true) to join the network under a new PeerId");
    }
  }

  /** After the p2p service started with its key. */
  static void remember(ConfigStore config, String peerId) {
    if (!config.get(PEER_ID_KEY).map(peerId::equals).orElse(false)) {
      config.put(PEER_ID_KEY, peerId);
    }
  }

  /**
   * For {@code hanzo-node id}, which cannot read the database of a stopped node without taking its lock: the key may
   * be created only where no database exists yet.
   */
  static void checkBeforeCreatingOffline(Path dataDir) {
    if (!hasKey(dataDir) && Files.isDirectory(StorageOptions.defaults(dataDir).dbDir())) {
      throw new MissingIdentityException(keyFile(dataDir) + " is missing but the data directory holds a database:"
          + " restore identity.key from a backup, or let `hanzo-node run` create it (it refuses, unless given"
          + " --new-identity, when a node already ran here)");
    }
  }

  private static boolean hasKey(Path dataDir) {
    return Files.exists(keyFile(dataDir));
  }

  private static Path keyFile(Path dataDir) {
    return dataDir.resolve(NodeIdentity.FILE);
  }
}
