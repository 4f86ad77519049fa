# Shared set-up of the chain benchmarks (sourced, not run): anvil on a free loopback port, keystores of its dev
# accounts, the operator registry, one node acting for account 1; everything is stopped and removed on exit.
# The caller sets ANVIL, and JAR and JAVA if not the defaults, then calls start_anvil, deploy_registry, start_node.
JAR=${JAR:-node/target/hanzo-node.jar}
# The node is Java 21 bytecode: JAVA_HOME if it is 21 or newer, else the newest JDK >= 21 under /usr/lib/jvm.
newest_java() {
  local j best="" best_major=0 major
  for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    major=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$j; best_major=$major; fi
    [ -n "$best" ] && [ "$j" = "${JAVA_HOME:-}/bin/java" ] && break
  done
  echo "${best:-java}"
}
JAVA=${JAVA:-$(newest_java)}
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

# start_anvil [ANVIL ARGS...]: sets rpc.
start_anvil() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$ANVIL" --host 127.0.0.1 --port "$port" "$@" >"$work/anvil.log" 2>&1 &
  anvil_pid=$!
  rpc="http://127.0.0.1:$port"
  for _ in $(seq 100); do grep -q "Listening on" "$work/anvil.log" && break; sleep 0.2; done
}

# key N: the private key of anvil's dev account N.
key() { grep -E "^\($1\) 0x[0-9a-f]{64}$" "$work/anvil.log" | awk '{print $2}'; }

# deploy_registry: deploys from account 0 (minimum stake 1 ether, unbonding 1 h); sets registry and operator (the
# keystore of account 1, password pw, in HANZO_OPERATOR_PASSWORD).
deploy_registry() {
  local deployer
  deployer=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 0)" pw "$work/deployer")
  operator=$("$JAVA" -cp "$JAR" bench/scripts/Keystore.java "$(key 1)" pw "$work/operator")
  export HANZO_OPERATOR_PASSWORD=pw
  registry=$(bin/hanzo-node operator deploy-contracts --chain-rpc "$rpc" --chain-id 31337 \
    --operator-keystore "$deployer" --min-stake 1000000000000000000 --unbonding-period 1h | tail -1)
}

# start_node [MORE RUN ARGS...]: one node on the chain acting for the operator; sets http (its HTTP port).
start_node() {
  bin/hanzo-node run --data-dir "$work/data" --runtime process --grpc-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 \
    --p2p-addr /ip4/127.0.0.1/tcp/0 --mdns false --chain-rpc "$rpc" --chain-id 31337 \
    --registry-contract "$registry" --operator-keystore "$operator" "$@" >"$work/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 600); do [ -s "$work/data/ports.json" ] && break; sleep 0.2; done
  http=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$work/data/ports.json")
}
