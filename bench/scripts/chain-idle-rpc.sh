#!/usr/bin/env bash
# RPC calls per minute of an idle node following a chain: anvil with a 2 s block time and the operator registry,
# one node (registered and staked, --chain-poll-interval 2s, no peers) left alone for WINDOW seconds while /metrics
# is scraped every 15 s as Prometheus would. anvil logs every JSON-RPC method it serves, one per line: the calls
# are counted there, by method. Run from the repository root after building the node jar:
#   ANVIL=<contracts install>/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil bench/scripts/chain-idle-rpc.sh
set -euo pipefail
ANVIL=${ANVIL:?set ANVIL to the anvil binary (npm ci in contracts/ installs it)}
WINDOW=${WINDOW:-60}
source bench/scripts/chain-bench-lib.sh
start_anvil --block-time 2
deploy_registry
start_node --chain-confirmations 2 --chain-poll-interval 2s
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
