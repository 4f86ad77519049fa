// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.26;

/**
 * @title OperatorRegistry
 * @notice Operators of hanzo-node stake the chain's native coin (amounts in wei) and register their nodes under it.
 * An operator's stake is one pot: it must stay at or above `minStake` while the operator has a node registered.
 * Taking stake out is two steps: `requestDecrease` (or `exit`, everything, once no node is left) moves wei into
 * unbonding, and `withdraw` pays it out once `unbondingPeriod` has passed. Unbonding wei can still be slashed, so an
 * operator cannot escape a slash by leaving just before it. The slasher (fixed at deployment) slashes a share of an
 * operator's stake and unbonding wei with a reason; slashed wei stays locked in this contract for good.
 *
 * @dev PeerId binding. A node's libp2p key is Ed25519, which the EVM cannot verify at a reasonable gas cost. So the
 * contract stores, with each node, its PeerId bytes and the signature that node's libp2p key made over
 * `bindingMessage(operator)` (which names the operator, the chain id and this contract, so it cannot be replayed on
 * another chain or registry), and does not check it. Anyone who reads a node checks the signature off chain: an
 * Ed25519 PeerId embeds its public key. A PeerId can be registered once only, so nobody else can squat it here;
 * a node whose signature does not verify is simply not trusted by the nodes that read it.
 */
contract OperatorRegistry {
  /// One operator's stake. `unbonding` wei become withdrawable at `unbondingEnd` (a unix time, seconds).
  struct Operator {
    uint256 stake;
    uint256 unbonding;
    uint64 unbondingEnd;
    uint32 nodeCount;
  }

  /// One node, keyed by keccak256 of its node id.
  struct Node {
    address operator;
    string nodeId;
    bytes peerId;
    string endpoint;
    bytes32 capabilitiesHash;
    bytes peerSignature;
  }

  /// Prefix of the bytes a node's libp2p key signs to bind its PeerId to an operator.
  bytes public constant BINDING_DOMAIN = "hanzo-node/operator-binding/v1";
  uint256 public constant MAX_ID_BYTES = 128;
  uint256 public constant MAX_PEER_ID_BYTES = 64;
  uint256 public constant MAX_ENDPOINT_BYTES = 256;
  uint256 public constant SIGNATURE_BYTES = 64;
  /// Shares are in basis points: 10000 is the whole stake.
  uint16 public constant FULL_SHARE = 10000;

  uint256 public immutable minStake;
  uint64 public immutable unbondingPeriod;
  address public immutable slasher;
  /// Wei slashed so far; locked in the contract.
  uint256 public slashedTotal;

  mapping(address => Operator) private operators;
  mapping(bytes32 => Node) private nodes;
  mapping(bytes32 => bytes32) private nodeOfPeer;

  event NodeRegistered(address indexed operator, bytes32 indexed nodeKey, string nodeId, bytes peerId,
      string endpoint, bytes32 capabilitiesHash, bytes peerSignature);
  event NodeDeregistered(address indexed operator, bytes32 indexed nodeKey, string nodeId);
  event StakeIncreased(address indexed operator, uint256 amount, uint256 stake);
  event DecreaseRequested(address indexed operator, uint256 amount, uint256 stake, uint64 unbondingEnd);
  event ExitRequested(address indexed operator, uint256 amount, uint64 unbondingEnd);
  event Withdrawn(address indexed operator, uint256 amount);
  event Slashed(address indexed operator, uint16 shareBps, uint256 amount, string reason);

  error StakeBelowMinimum(uint256 stake, uint256 minStake);
  error NodeIdInvalid();
  error NodeAlreadyRegistered(string nodeId);
  error PeerIdInvalid();
  error PeerIdAlreadyRegistered(bytes peerId);
  error EndpointTooLong();
  error SignatureInvalid();
  error NotNodeOperator(string nodeId);
  error AmountInvalid(uint256 amount, uint256 stake);
  error NodesStillRegistered(uint32 nodeCount);
  error NothingToWithdraw();
  error StillUnbonding(uint64 unbondingEnd);
  error NotSlasher();
  error ShareInvalid(uint16 shareBps);
  error TransferFailed();
  error SlasherInvalid();

  constructor(uint256 minStake_, uint64 unbondingPeriod_, address slasher_) {
    if (slasher_ == address(0)) revert SlasherInvalid();
    minStake = minStake_;
    unbondingPeriod = unbondingPeriod_;
    slasher = slasher_;
  }

  /// The bytes a node's libp2p key signs so that its PeerId may be registered under `operator`.
  function bindingMessage(address operator) public view returns (bytes memory) {
    return abi.encodePacked(BINDING_DOMAIN, operator, block.chainid, address(this));
  }

  /**
   * @notice Registers a node under the caller, adding `msg.value` to the caller's stake first; the stake must then
   * be at least `minStake`.
   * @param peerSignature the node's libp2p signature over `bindingMessage(msg.sender)`, stored unverified (see above)
   */
  function register(string calldata nodeId, bytes calldata peerId, string calldata endpoint,
      bytes32 capabilitiesHash, bytes calldata peerSignature) external payable {
    if (bytes(nodeId).length == 0 || bytes(nodeId).length > MAX_ID_BYTES) revert NodeIdInvalid();
    if (peerId.length == 0 || peerId.length > MAX_PEER_ID_BYTES) revert PeerIdInvalid();
    if (bytes(endpoint).length > MAX_ENDPOINT_BYTES) revert EndpointTooLong();
    if (peerSignature.length != SIGNATURE_BYTES) revert SignatureInvalid();
    bytes32 key = keccak256(bytes(nodeId));
    if (nodes[key].operator != address(0)) revert NodeAlreadyRegistered(nodeId);
    bytes32 peerKey = keccak256(peerId);
    if (nodeOfPeer[peerKey] != bytes32(0)) revert PeerIdAlreadyRegistered(peerId);

    Operator storage op = operators[msg.sender];
    uint256 stake = op.stake + msg.value;
    if (stake < minStake) revert StakeBelowMinimum(stake, minStake);
    op.stake = stake;
    op.nodeCount += 1;
    nodes[key] = Node(msg.sender, nodeId, peerId, endpoint, capabilitiesHash, peerSignature);
    nodeOfPeer[peerKey] = key;
    if (msg.value > 0) emit StakeIncreased(msg.sender, msg.value, stake);
    emit NodeRegistered(msg.sender, key, nodeId, peerId, endpoint, capabilitiesHash, peerSignature);
  }

  /// Removes one of the caller's nodes; its stake stays staked until a decrease or exit.
  function deregister(string calldata nodeId) external {
    bytes32 key = keccak256(bytes(nodeId));
    Node storage node = nodes[key];
    if (node.operator != msg.sender) revert NotNodeOperator(nodeId);
    delete nodeOfPeer[keccak256(node.peerId)];
    delete nodes[key];
    operators[msg.sender].nodeCount -= 1;
    emit NodeDeregistered(msg.sender, key, nodeId);
  }

  function increaseStake() external payable {
    if (msg.value == 0) revert AmountInvalid(0, operators[msg.sender].stake);
    Operator storage op = operators[msg.sender];
    op.stake += msg.value;
    emit StakeIncreased(msg.sender, msg.value, op.stake);
  }

  /**
   * @notice Moves `amount` wei of the caller's stake into unbonding and restarts the unbonding period for all of
   * it. While the caller has nodes, the stake left must stay at least `minStake`.
   */
  function requestDecrease(uint256 amount) external {
    Operator storage op = operators[msg.sender];
    if (amount == 0 || amount > op.stake) revert AmountInvalid(amount, op.stake);
    uint256 left = op.stake - amount;
    if (op.nodeCount > 0 && left < minStake) revert StakeBelowMinimum(left, minStake);
    op.stake = left;
    op.unbonding += amount;
    op.unbondingEnd = uint64(block.timestamp) + unbondingPeriod;
    emit DecreaseRequested(msg.sender, amount, left, op.unbondingEnd);
  }

  /// Moves the whole stake into unbonding; only once every node of the caller is deregistered.
  function exit() external {
    Operator storage op = operators[msg.sender];
    if (op.nodeCount > 0) revert NodesStillRegistered(op.nodeCount);
    uint256 amount = op.stake;
    if (amount == 0) revert AmountInvalid(0, 0);
    op.stake = 0;
    op.unbonding += amount;
    op.unbondingEnd = uint64(block.timestamp) + unbondingPeriod;
    emit ExitRequested(msg.sender, amount, op.unbondingEnd);
  }

  /// Pays the caller its unbonding wei once the unbonding period is over.
  function withdraw() external {
    Operator storage op = operators[msg.sender];
    uint256 amount = op.unbonding;
    if (amount == 0) revert NothingToWithdraw();
    if (block.timestamp < op.unbondingEnd) revert StillUnbonding(op.unbondingEnd);
    op.unbonding = 0;
    op.unbondingEnd = 0;
    emit Withdrawn(msg.sender, amount);
    (bool ok,) = payable(msg.sender).call{value: amount}("");
    if (!ok) revert TransferFailed();
  }

  /// Slashes `shareBps` / 10000 of the operator's stake and of its unbonding wei alike.
  function slash(address operator, uint16 shareBps, string calldata reason) external {
    if (msg.sender != slasher) revert NotSlasher();
    if (shareBps == 0 || shareBps > FULL_SHARE) revert ShareInvalid(shareBps);
    Operator storage op = operators[operator];
    uint256 fromStake = op.stake * shareBps / FULL_SHARE;
    uint256 fromUnbonding = op.unbonding * shareBps / FULL_SHARE;
    op.stake -= fromStake;
    op.unbonding -= fromUnbonding;
    slashedTotal += fromStake + fromUnbonding;
    emit Slashed(operator, shareBps, fromStake + fromUnbonding, reason);
  }

  function getOperator(address operator) external view
      returns (uint256 stake, uint256 unbonding, uint64 unbondingEnd, uint32 nodeCount) {
    Operator storage op = operators[operator];
    return (op.stake, op.unbonding, op.unbondingEnd, op.nodeCount);
  }

  /// The node registered under `nodeId`; `operator` is the zero address when there is none.
  function getNode(string calldata nodeId) external view returns (address operator, bytes memory peerId,
      string memory endpoint, bytes32 capabilitiesHash, bytes memory peerSignature) {
    Node storage node = nodes[keccak256(bytes(nodeId))];
    return (node.operator, node.peerId, node.endpoint, node.capabilitiesHash, node.peerSignature);
  }

  /// The operator a PeerId is registered under, or the zero address.
  function operatorOfPeer(bytes calldata peerId) external view returns (address) {
    return nodes[nodeOfPeer[keccak256(peerId)]].operator;
  }
}
