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
source bench/scripts/chain-bench-lib.sh
start_anvil
deploy_registry
address=$("$CAST" wallet address --private-key "$(key 1)" | tr 'A-F' 'a-f')
start_node --chain-confirmations 0 --chain-poll-interval "$POLL"
"$CAST" --version | head -1
"$JAVA" -cp "$JAR" bench/scripts/TxLatency.java "$http" "$address" "$rpc" "$registry" "$CAST" "$(key 2)" 1 \
  "$ROUNDS" "$SEED"
