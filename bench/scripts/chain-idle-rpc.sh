#!/usr/bin/env bash
# RPC calls per minute of an idle node following a chain: anvil with a 2 s block time and the operator registry,
# one node (registered and staked, --chain-poll-interval 2s, no peers) left alone for WINDOW seconds while /metrics
# is scraped every 15 s as Prometheus would. anvil logs every JSON-RPC method it serves, one per line: the calls
# are counted there, by method. Run from the repository root after building the node jar:
#   ANVIL=<contracts install>/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil bench/scripts/chain-idle-rpc.sh
set -euo pipefail
ANVIL=${ANVIL:?set ANVIL to the anvil binary (npm ci in contracts/ installs it)}
WINDOW=${WINDOW:-60}
JAR=node/target/hanzo-node.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
anvil_pid=""
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  [ -n "$anvil_pid" ] && kill "$anvil_pid" 2>/dev/null && wait "$anvil_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ANVIL" --host 127.0.0.1 --port "$port" --block-time 2 >"$work/anvil.log" 2>&1 &
anvil_pid=$!
rpc="http://127.0.0.1:$port"
for _ in $(seq 100); do grep -q "Listening on" "$work/anvil.log" && break; sleep 0.2; done
key() { grep -E "^\($1\) 0x[0-9a-f]{64}$" "$work/anvil.log" | awk '{print $2}'; }
deployer=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 0)" pw "$work/deployer")
operator=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 1)" pw "$work/operator")
export HANZO_OPERATOR_PASSWORD=pw
registry=$(bin/hanzo-node operator deploy-contracts --chain-rpc "$rpc" --chain-id 31337 \
  --operator-keystore "$deployer" --min-stake 1000000000000000000 --unbonding-period 1h | tail -1)

bin/hanzo-node run --data-dir "$work/data" --runtime process --grpc-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 \
  --p2p-addr /ip4/127.0.0.1/tcp/0 --mdns false --chain-rpc "$rpc" --chain-id 31337 --registry-contract "$registry" \
  --operator-keystore "$operator" --chain-confirmations 2 --chain-poll-interval 2s >"$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 300); do [ -s "$work/data/ports.json" ] && break; sleep 0.2; done
http=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$work/data/ports.json")
curl -sf -X POST -H 'Content-Type: application/json' -d '{"stake_wei": "2000000000000000000"}' \
  "http://127.0.0.1:$http/v1/operators/register" >/dev/null
sleep 15  # confirmations, the first scrape's own-stake read, the journal settled

calls() { grep -cE '^(eth|net|web3|anvil|evm)_[A-Za-z]+$' "$work/anvil.log" || true; }
before=$(calls)
start=$(date +%s)
while [ $(( $(date +%s) - start )) -lt "$WINDOW" ]; do
  curl -sf "http://127.0.0.1:$http/metrics" >/dev/null
  sleep 15
done
elapsed=$(( $(date +%s) - start ))
after=$(calls)
echo "window ${elapsed}s: $((after - before)) RPC calls, $(( (after - before) * 60 / elapsed )) per minute"
grep -E '^(eth|net|web3|anvil|evm)_[A-Za-z]+$' "$work/anvil.log" | tail -n +"$((before + 1))" | sort | uniq -c | sort -rn
curl -sf "http://127.0.0.1:$http/metrics" | grep -E '^hanzo_(chain_stake_reads_total|operator_stake_wei|chain_head_block) '
