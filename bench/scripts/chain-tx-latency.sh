#!/usr/bin/env bash
# Register and stake-increase latency through the node's HTTP API against `cast send`, on one anvil (automine: a
# block per transaction, as at once as anvil can) in the same run: TxLatency.java interleaves them one by one.
# The node waits for --chain-confirmations 0 (final once mined), cast for --confirmations 1 (its count includes
# the block that mines the transaction): both answer when the receipt of the mined block is there. The node keeps
# the default --chain-poll-interval 2s: its wait for its own transaction does not ride on it. Run from the
# repository root after building the node jar, with contracts/ installed (npm ci there brings anvil and cast):
#   CONTRACTS=contracts bench/scripts/chain-tx-latency.sh
set -euo pipefail
CONTRACTS=${CONTRACTS:?set CONTRACTS to an npm-installed contracts/ (npm ci there)}
ANVIL=$CONTRACTS/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
CAST=$CONTRACTS/node_modules/@foundry-rs/cast-linux-amd64/bin/cast
ROUNDS=${ROUNDS:-30}
SEED=${SEED:-$RANDOM}
POLL=${POLL:-2s}
JAR=node/target/hanzo-node.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
anvil_pid=""
node_pid=""
cleanup() {
  [ -n "${KEEP_LOGS:-}" ] && cp "$work/node.log" "$work/anvil.log" "$KEEP_LOGS"/ 2>/dev/null || true
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  [ -n "$anvil_pid" ] && kill "$anvil_pid" 2>/dev/null && wait "$anvil_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ANVIL" --host 127.0.0.1 --port "$port" >"$work/anvil.log" 2>&1 &
anvil_pid=$!
rpc="http://127.0.0.1:$port"
for _ in $(seq 100); do grep -q "Listening on" "$work/anvil.log" && break; sleep 0.2; done
key() { grep -E "^\($1\) 0x[0-9a-f]{64}$" "$work/anvil.log" | awk '{print $2}'; }
deployer=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 0)" pw "$work/deployer")
operator=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 1)" pw "$work/operator")
address=$("$CAST" wallet address --private-key "$(key 1)" | tr 'A-F' 'a-f')
export HANZO_OPERATOR_PASSWORD=pw
registry=$(bin/hanzo-node operator deploy-contracts --chain-rpc "$rpc" --chain-id 31337 \
  --operator-keystore "$deployer" --min-stake 1000000000000000000 --unbonding-period 1h | tail -1)

bin/hanzo-node run --data-dir "$work/data" --runtime process --grpc-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 \
  --p2p-addr /ip4/127.0.0.1/tcp/0 --mdns false --chain-rpc "$rpc" --chain-id 31337 --registry-contract "$registry" \
  --operator-keystore "$operator" --chain-confirmations 0 --chain-poll-interval "$POLL" >"$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 300); do [ -s "$work/data/ports.json" ] && break; sleep 0.2; done
http=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$work/data/ports.json")
"$CAST" --version | head -1
"$JAVA" -cp "$JAR" bench/scripts/TxLatency.java "$http" "$address" "$rpc" "$registry" "$CAST" "$(key 2)" 1 \
  "$ROUNDS" "$SEED"
