package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.kad.net.RequestHandler;
import ai.hanzo.libp2p.kad.provider.ProviderStore;
import ai.hanzo.libp2p.kad.record.InvalidRecordException;
import ai.hanzo.libp2p.kad.record.RecordStore;
import ai.hanzo.libp2p.kad.record.Validators;
import ai.hanzo.libp2p.kad.routing.KadId;
import ai.hanzo.libp2p.kad.routing.RoutingTable;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.DhtProtocolException;
import ai.hanzo.libp2p.kad.wire.DhtRecord;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The server side of the DHT: answers each request type from the table and the stores. */
final class DhtRequests implements RequestHandler {
  private final PeerId self;
  private final RoutingTable table;
  private final RecordStore records;
  private final ProviderStore providers;
  private final Validators validators;
  private final PeerEntries entries;
  private final Clock clock;

  DhtRequests(PeerId self, RoutingTable table, RecordStore records, ProviderStore providers,
      Validators validators, PeerEntries entries, Clock clock) {
    this.self = self;
    this.table = table;
    this.records = records;
    this.providers = providers;
    this.validators = validators;
    this.entries = entries;
    this.clock = clock;
  }

  @Override
  public Optional<DhtMessage> handle(PeerId from, DhtMessage request)
      throws DhtProtocolException {
    DhtMessage response = DhtMessage.responseTo(request);
    return switch (request.type()) {
      case PING -> Optional.of(response);
      case FIND_NODE -> Optional.of(response.withCloserPeers(closer(from, request.key())));
      case GET_VALUE -> Optional.of(getValue(from, request, response));
      case PUT_VALUE -> Optional.of(putValue(request));
      case GET_PROVIDERS -> Optional.of(response
          .withProviderPeers(entries.entries(providers.get(requireKey(request))))
          .withCloserPeers(closer(from, request.key())));
      case ADD_PROVIDER -> {
        addProvider(from, request);
        yield Optional.empty();
      }
    };
  }

  /**
   * The k closest peers we know, never the requester; ourselves only when asked for our own id,
   * so that a lookup for us ends with our addresses.
   */
  private List<DhtPeer> closer(PeerId from, byte[] key) {
    List<PeerId> peers = new ArrayList<>(table.closest(KadId.ofKey(key), table.bucketSize() + 1));
    peers.remove(from);
    if (peers.size() > table.bucketSize()) {
      peers = peers.subList(0, table.bucketSize());
    }
    if (Arrays.equals(key, self.toBytes())) {
      peers.add(0, self);
    }
    return entries.entries(peers);
  }

  private DhtMessage getValue(PeerId from, DhtMessage request, DhtMessage response)
      throws DhtProtocolException {
    byte[] key = requireKey(request);
    DhtMessage answer = response.withCloserPeers(closer(from, key));
    return records.get(key).map(answer::withRecord).orElse(answer);
  }

  private DhtMessage putValue(DhtMessage request) throws DhtProtocolException {
    byte[] key = requireKey(request);
    DhtRecord record = request.recordIfPresent()
        .orElseThrow(() -> new DhtProtocolException("PUT_VALUE without a record"));
    if (!Arrays.equals(record.key(), key)) {
      throw new DhtProtocolException("PUT_VALUE record key differs from the message key");
    }
    try {
      validators.validate(key, record.value());
      Optional<DhtRecord> existing = records.get(key);
      if (existing.isEmpty()
          || validators.select(key, List.of(record.value(), existing.get().value())) == 0) {
        records.put(record.withTimeReceived(DateTimeFormatter.ISO_INSTANT.format(clock.instant())));
      }
    } catch (InvalidRecordException e) {
      throw new DhtProtocolException("invalid record: " + e.getMessage());
    }
    return request;
  }

  private void addProvider(PeerId from, DhtMessage request) throws DhtProtocolException {
    byte[] key = requireKey(request);
    // Only the sender may announce itself; anything else would let one peer slander others.
    for (DhtPeer provider : request.providerPeers()) {
      if (provider.id().equals(from) && !provider.addresses().isEmpty()) {
        entries.learn(List.of(provider));
        providers.add(key, from);
      }
    }
  }

  private static byte[] requireKey(DhtMessage request) throws DhtProtocolException {
    byte[] key = request.key();
    if (key.length == 0) {
      throw new DhtProtocolException(request.type() + " without a key");
    }
    return key;
  }
}
