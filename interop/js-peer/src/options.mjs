// Command-line options of peer.mjs. A bad option ends the process with exit code 2 and one line on stderr.

export const USAGE = `usage: node peer.mjs [options]

  --host IP                 IPv4 address to listen on (default 127.0.0.1)
  --port N                  TCP port to listen on (default 0: the kernel picks one)
  --listen MULTIADDR        listen address, replaces --host/--port; repeatable
  --seed HEX                64 hex digits, the Ed25519 seed of the identity (default: a random key)
  --print-id                print {"event":"id","peerId":...} for the identity and exit
  --subscribe TOPIC         subscribe to TOPIC at start; repeatable
  --echo-topic TOPIC        subscribe to TOPIC and publish every message from it again on TOPIC/echo; repeatable
  --no-sign                 gossipsub without signatures (StrictNoSign; default StrictSign)
  --mdns                    discover peers with mDNS (multicast: use a network namespace of your own)
  --mdns-interval MS        mDNS query interval (default 10000)
  --dial-discovered         dial every peer mDNS discovers
  --no-conn-monitor         no periodic ping on every connection (js-libp2p closes one whose ping fails)
  --inbound-conn-threshold N
                            inbound connections accepted per second and host (js-libp2p's default is 5)
  --keep-alive              keep running when stdin ends (stop with SIGTERM or {"cmd":"stop"})
  --help                    this text

Commands arrive on stdin and events leave on stdout, one JSON object per line: see README.md.
`

const FLAGS = {
  '--print-id': (o) => { o.printId = true },
  '--mdns': (o) => { o.mdns = true },
  '--dial-discovered': (o) => { o.dialDiscovered = true },
  '--no-sign': (o) => { o.sign = false },
  '--no-conn-monitor': (o) => { o.connectionMonitor = false },
  '--keep-alive': (o) => { o.keepAlive = true }
}

const VALUED = {
  '--host': (o, v) => { o.host = v },
  '--port': (o, v) => { o.port = integer('--port', v, 0, 65535) },
  '--listen': (o, v) => { o.listen.push(v) },
  '--seed': (o, v) => {
    if (!/^[0-9a-f]{64}$/i.test(v)) usageError('--seed needs 64 hex digits (32 bytes)')
    o.seed = Uint8Array.from(Buffer.from(v, 'hex'))
  },
  '--subscribe': (o, v) => { o.subscribe.push(v) },
  '--echo-topic': (o, v) => { o.echoTopics.push(v) },
  '--mdns-interval': (o, v) => { o.mdnsInterval = integer('--mdns-interval', v, 1, 3_600_000) },
  '--inbound-conn-threshold': (o, v) => { o.inboundConnThreshold = integer('--inbound-conn-threshold', v, 1, 1e9) }
}

export function parseOptions (args) {
  const o = {
    host: '127.0.0.1',
    port: 0,
    listen: [],
    seed: null,
    printId: false,
    subscribe: [],
    echoTopics: [],
    sign: true,
    mdns: false,
    mdnsInterval: 10_000,
    dialDiscovered: false,
    connectionMonitor: true,
    inboundConnThreshold: null,
    keepAlive: false
  }
  for (let i = 0; i < args.length; i++) {
    const name = args[i]
    if (name === '--help' || name === '-h') {
      process.stdout.write(USAGE)
      process.exit(0)
    } else if (FLAGS[name] != null) {
      FLAGS[name](o)
    } else if (VALUED[name] != null) {
      if (i + 1 === args.length) usageError(`${name} needs a value`)
      VALUED[name](o, args[++i])
    } else {
      usageError(`unknown option ${name} (try --help)`)
    }
  }
  if (o.listen.length === 0) o.listen.push(`/ip4/${o.host}/tcp/${o.port}`)
  return o
}

function integer (name, text, min, max) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min || n > max) usageError(`${name} must be an integer from ${min} to ${max}, not "${text}"`)
  return n
}

function usageError (text) {
  process.stderr.write(`js-peer: ${text}\n`)
  process.exit(2)
}
