#!/usr/bin/env node
// hanzo-node's js-libp2p interop peer: one js-libp2p node that a test starts as a child process and drives with
// JSON lines (commands on stdin; replies and events on stdout; diagnostics on stderr). README.md has the protocol.
import './src/promise-polyfill.mjs' // first: js-libp2p needs Promise.withResolvers as soon as it loads
import { createInterface } from 'node:readline'
import { readFileSync } from 'node:fs'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { echo } from '@libp2p/echo'
import { gossipsub } from '@libp2p/gossipsub'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { generateKeyPair, generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseOptions } from './src/options.mjs'
import { say, sayLast, openWith, describe, warn } from './src/output.mjs'
import { PERF, servePerf } from './src/perf.mjs'
import { commandsFor } from './src/commands.mjs'

const NAME = 'hanzo-interop-js-peer'
const manifest = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
const VERSION = manifest('./package.json').version
const JS_LIBP2P = manifest('./node_modules/libp2p/package.json').version

const options = parseOptions(process.argv.slice(2))
const privateKey = options.seed == null
  ? await generateKeyPair('Ed25519')
  : await generateKeyPairFromSeed('Ed25519', options.seed)

if (options.printId) {
  await sayLast({ event: 'id', peerId: peerIdFromPrivateKey(privateKey).toString() })
  process.exit(0)
}

const node = await createLibp2p({
  start: false, // listeners below are attached before anything can happen
  privateKey,
  nodeInfo: { name: NAME, version: VERSION, userAgent: `${NAME}/${VERSION} js-libp2p/${JS_LIBP2P} node/${process.versions.node}` },
  addresses: { listen: options.listen },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  connectionMonitor: { enabled: options.connectionMonitor },
  connectionManager: options.inboundConnThreshold == null ? {} : { inboundConnectionThreshold: options.inboundConnThreshold },
  peerDiscovery: options.mdns ? [mdns({ interval: options.mdnsInterval })] : [],
  services: {
    identify: identify(),
    ping: ping(),
    echo: echo(),
    pubsub: gossipsub({
      globalSignaturePolicy: options.sign ? 'StrictSign' : 'StrictNoSign',
      allowPublishToZeroTopicPeers: true,
      emitSelf: false
    }),
    dht: kadDHT({
      protocol: '/ipfs/kad/1.0.0',
      clientMode: false,
      // js-libp2p's default mapper removes loopback and private addresses from what the DHT hands out; every
      // peer in a test lives on loopback, so hand out everything.
      peerInfoMapper: passthroughMapper
    })
  }
})

reportEvents(node, options)
await node.handle(PERF, (stream, connection) => servePerf(stream, connection, (fields) => {
  say({ event: 'perf:served', ...fields, ...(fields.error == null ? {} : { error: describe(fields.error) }) })
}), { maxInboundStreams: 64, maxOutboundStreams: 64 })
await node.start()
for (const topic of [...options.subscribe, ...options.echoTopics]) node.services.pubsub.subscribe(topic)
openWith({ event: 'listening', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
acceptCommands(commandsFor(node))

function reportEvents (node, options) {
  const pubsub = node.services.pubsub
  const echoTopics = new Set(options.echoTopics)
  const text = new TextDecoder()

  node.addEventListener('peer:connect', (e) => say({ event: 'peer:connect', peer: e.detail.toString() }))
  node.addEventListener('peer:disconnect', (e) => say({ event: 'peer:disconnect', peer: e.detail.toString() }))
  node.addEventListener('peer:identify', ({ detail: id }) => say({
    event: 'identify',
    peer: id.peerId.toString(),
    protocolVersion: id.protocolVersion ?? null,
    agentVersion: id.agentVersion ?? null,
    protocols: id.protocols,
    listenAddrs: id.listenAddrs.map(String),
    observedAddr: id.observedAddr == null ? null : String(id.observedAddr)
  }))
  node.addEventListener('peer:discovery', ({ detail: found }) => {
    say({ event: 'peer:discovery', peer: found.id.toString(), addrs: found.multiaddrs.map(String) })
    const isNew = !found.id.equals(node.peerId) && node.getConnections(found.id).length === 0
    if (options.dialDiscovered && isNew) {
      node.dial(found.id, { signal: AbortSignal.timeout(10_000) }).catch((err) => {
        say({ event: 'dial', ok: false, auto: true, peer: found.id.toString(), error: describe(err) })
      })
    }
  })

  pubsub.addEventListener('subscription-change', ({ detail }) => say({
    event: 'subscription-change',
    peer: detail.peerId.toString(),
    subscriptions: detail.subscriptions.map(({ topic, subscribe }) => ({ topic, subscribe }))
  }))
  pubsub.addEventListener('gossipsub:graft', ({ detail }) => say({ event: 'graft', peer: String(detail.peerId), topic: detail.topic }))
  pubsub.addEventListener('gossipsub:prune', ({ detail }) => say({ event: 'prune', peer: String(detail.peerId), topic: detail.topic }))
  pubsub.addEventListener('message', ({ detail: m }) => {
    const signed = m.type === 'signed'
    say({
      event: 'message',
      topic: m.topic,
      from: signed ? m.from.toString() : null,
      data: text.decode(m.data),
      signed,
      ...(signed ? { seqno: m.sequenceNumber } : {})
    })
    if (echoTopics.has(m.topic)) {
      const to = `${m.topic}/echo`
      pubsub.publish(to, m.data).then(
        (r) => say({ event: 'echo', ok: true, topic: to, recipients: r.recipients.map(String) }),
        (err) => say({ event: 'echo', ok: false, topic: to, error: describe(err) }))
    }
  })
}

function acceptCommands (commands) {
  const lines = createInterface({ input: process.stdin, terminal: false })
  lines.on('line', (line) => { run(commands, line) })
  lines.on('close', () => { if (!options.keepAlive) stop('stdin-eof') })
}

async function run (commands, line) {
  if (line.trim() === '') return
  let c
  try {
    c = JSON.parse(line)
  } catch (err) {
    say({ event: 'error', ok: false, error: `not JSON: ${describe(err)}` })
    return
  }
  const name = c?.cmd
  const reply = { event: name, ...(c?.id === undefined ? {} : { id: c.id }) }
  if (name === 'stop') {
    await stop('stop')
  } else if (typeof name !== 'string' || !Object.hasOwn(commands, name)) {
    say({ ...reply, event: 'error', cmd: name ?? null, ok: false, error: `unknown command ${JSON.stringify(name)}` })
  } else {
    try {
      say({ ...reply, ok: true, ...(await commands[name](c)) })
    } catch (err) {
      say({ ...reply, ok: false, error: describe(err) })
    }
  }
}

let stopping = null
function stop (reason) {
  stopping ??= (async () => {
    setTimeout(() => process.exit(0), 5_000).unref() // a node that hangs while stopping still goes away
    try {
      await node.stop()
    } catch (err) {
      warn(`stopping: ${describe(err)}`)
    }
    await sayLast({ event: 'stopped', reason })
    process.exit(0)
  })()
  return stopping
}

process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
// A remote that misbehaves must not end the peer: say what happened and carry on.
process.on('unhandledRejection', (err) => {
  warn(`unhandled rejection: ${err?.stack ?? err}`)
  say({ event: 'internal-error', error: describe(err) })
})
process.on('uncaughtException', (err) => {
  if (err?.code === 'EPIPE') {
    stop('stdout-closed') // the driver is gone
    return
  }
  warn(`uncaught exception: ${err?.stack ?? err}`)
  say({ event: 'internal-error', error: describe(err) })
})
process.stdout.on('error', (err) => { if (err.code === 'EPIPE') stop('stdout-closed') })
