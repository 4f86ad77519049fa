// The commands a driver sends on stdin. Each takes the parsed command object and returns the fields of its
// successful reply; a thrown error becomes {"ok":false,"error":...}. Commands run concurrently.
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { PERF, exchange, seconds } from './perf.mjs'

const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

// Default timeouts; a command's own "timeoutMs" wins.
const DEFAULT_MS = 10_000
const DHT_MS = 15_000
const PERF_MS = 120_000

/** A peer id ("12D3...") or a multiaddr ("/ip4/..."), as libp2p's dial functions take them. */
function target (text, field = 'peer') {
  if (typeof text !== 'string' || text === '') throw new Error(`"${field}" is missing`)
  return text.startsWith('/') ? multiaddr(text) : peerIdFromString(text)
}

function topicOf (c) {
  if (typeof c.topic !== 'string') throw new Error('"topic" is missing')
  return c.topic
}

function deadline (c, fallback) {
  return AbortSignal.timeout(c.timeoutMs ?? fallback)
}

function byteCount (value, field) {
  if (value === undefined) return 0
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`"${field}" must be a whole number of bytes`)
  return value
}

/** Rejects when `signal` fires, so a promise that ignores the signal can still be given up on. */
function giveUpOn (signal, what) {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error(`TimeoutError: ${what}`)), { once: true })
  })
}

/** Resets `stream` when `signal` fires; returns the function that stops watching. */
function resetOnAbort (stream, signal) {
  const reset = () => stream.abort(new Error('timed out'))
  signal.addEventListener('abort', reset, { once: true })
  return () => signal.removeEventListener('abort', reset)
}

function megabits (bytes, secs) {
  return bytes > 0 && secs > 0 ? Math.round(bytes * 8 / secs / 1e4) / 100 : null
}

/** Nearest-rank percentile of ascending `values`. */
function percentile (values, p) {
  return values[Math.max(0, Math.ceil(values.length * p / 100) - 1)]
}

function millis (x) {
  return Math.round(x * 1000) / 1000
}

export function commandsFor (node) {
  const pubsub = node.services.pubsub
  const dht = node.services.dht

  return {
    async dial (c) {
      const connection = await node.dial(target(c.addr, 'addr'), { signal: deadline(c, DEFAULT_MS) })
      return {
        peer: connection.remotePeer.toString(),
        remoteAddr: connection.remoteAddr.toString(),
        encryption: connection.encryption ?? null,
        multiplexer: connection.multiplexer ?? null
      }
    },

    async hangup (c) {
      await node.hangUp(target(c.peer))
      return { peer: c.peer }
    },

    async ping (c) {
      const rtt = await node.services.ping.ping(target(c.peer), { signal: deadline(c, DEFAULT_MS) })
      return { peer: c.peer, rtt }
    },

    async subscribe (c) {
      pubsub.subscribe(topicOf(c))
      return { topic: c.topic }
    },

    async unsubscribe (c) {
      pubsub.unsubscribe(topicOf(c))
      return { topic: c.topic }
    },

    async publish (c) {
      const result = await pubsub.publish(topicOf(c), utf8.encode(String(c.data ?? '')))
      return { topic: c.topic, recipients: result.recipients.map(String) }
    },

    async findPeer (c) {
      const wanted = target(c.peer)
      if (typeof wanted.toMultihash !== 'function') throw new Error('"peer" must be a peer id')
      // Without "useCache": true this is a real FIND_NODE walk, not an answer from the local peer store.
      const query = dht.findPeer(wanted, { useCache: c.useCache === true, signal: deadline(c, DHT_MS) })
      for await (const step of query) {
        if (step.name === 'FINAL_PEER') {
          return { peer: step.peer.id.toString(), addrs: step.peer.multiaddrs.map(String), from: step.from.toString() }
        }
      }
      throw new Error('NotFoundError: no peer answered with ' + c.peer)
    },

    async closestPeers (c) {
      const key = target(c.key, 'key')
      const found = new Map()
      for await (const step of dht.getClosestPeers(key.toMultihash().bytes, { signal: deadline(c, DHT_MS) })) {
        if (step.name === 'FINAL_PEER') found.set(step.peer.id.toString(), step.peer.multiaddrs.map(String))
      }
      return { key: c.key, peers: [...found].map(([peer, addrs]) => ({ peer, addrs })) }
    },

    async echo (c) {
      const sent = utf8.encode(String(c.data ?? ''))
      const ms = c.timeoutMs ?? DEFAULT_MS
      const signal = AbortSignal.timeout(ms)
      const began = performance.now()
      // @libp2p/echo honours the signal only while opening the stream; after that it waits for the remote's
      // close however long that takes, so the reply races the deadline.
      const echoed = node.services.echo.echo(target(c.peer), sent, { signal })
      echoed.catch(() => {})
      const reply = (await Promise.race([echoed, giveUpOn(signal, `no full echo within ${ms} ms`)])).subarray()
      return {
        protocol: node.services.echo.protocol,
        peer: c.peer,
        data: fromUtf8.decode(reply),
        bytes: reply.byteLength,
        same: Buffer.from(reply).equals(Buffer.from(sent)),
        rtt: millis(performance.now() - began)
      }
    },

    async perf (c) {
      const upload = byteCount(c.upload, 'upload')
      const download = byteCount(c.download, 'download')
      const ms = c.timeoutMs ?? PERF_MS
      const signal = AbortSignal.timeout(ms)
      const began = performance.now()
      const stream = await node.dialProtocol(target(c.peer), PERF, { signal })
      const opened = performance.now()
      const unwatch = resetOnAbort(stream, signal)
      try {
        const t = await exchange(stream, upload, download)
        const answered = t.firstByte ?? t.end
        const up = seconds(answered - t.start)
        const down = seconds(t.end - answered)
        return {
          peer: c.peer,
          upload,
          download,
          uploadSeconds: up,
          downloadSeconds: down,
          totalSeconds: seconds(t.end - t.start),
          uploadMbps: megabits(upload, up),
          downloadMbps: megabits(download, down),
          openSeconds: seconds(opened - began)
        }
      } catch (err) {
        stream.abort(err)
        throw signal.aborted ? new Error(`TimeoutError: perf not done within ${ms} ms`) : err
      } finally {
        unwatch()
      }
    },

    async dialLatency (c) {
      const where = target(c.addr, 'addr')
      const n = c.n ?? 10
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error('"n" must be a whole number from 1 to 10000')
      const pause = c.intervalMs ?? 0
      if (!(pause >= 0)) throw new Error('"intervalMs" must not be negative')
      const ms = c.timeoutMs ?? DEFAULT_MS
      let remote = typeof where.toMultihash === 'function' ? where : peerOf(where)
      const samples = []
      const connects = []
      for (let i = 1; i <= n; i++) {
        if (i > 1 && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
        if (remote != null && node.getConnections(remote).length > 0) await node.hangUp(remote)
        const signal = AbortSignal.timeout(ms)
        let unwatch = () => {}
        try {
          const t0 = performance.now()
          // force: a new connection every time (TCP, multistream-select, Noise, Yamux), never a pooled one
          const connection = await node.dial(where, { signal, force: true })
          connects.push(performance.now() - t0)
          remote = connection.remotePeer
          const stream = await connection.newStream(PERF, { signal })
          unwatch = resetOnAbort(stream, signal)
          const t = await exchange(stream, 1, 1)
          samples.push(t.firstByte - t0)
        } catch (err) {
          throw new Error(`sample ${i} of ${n}: ${signal.aborted ? `TimeoutError: not done within ${ms} ms` : err.message}`)
        } finally {
          unwatch()
        }
      }
      const sorted = [...samples].sort((a, b) => a - b)
      const connectSorted = [...connects].sort((a, b) => a - b)
      return {
        addr: c.addr,
        peer: remote.toString(),
        n,
        p50Ms: millis(percentile(sorted, 50)),
        p95Ms: millis(percentile(sorted, 95)),
        minMs: millis(sorted[0]),
        maxMs: millis(sorted[sorted.length - 1]),
        meanMs: millis(samples.reduce((sum, x) => sum + x, 0) / n),
        connectP50Ms: millis(percentile(connectSorted, 50)),
        connectP95Ms: millis(percentile(connectSorted, 95)),
        samplesMs: samples.map(millis)
      }
    },

    async peers () {
      const peers = []
      for (const id of node.getPeers()) {
        const known = await node.peerStore.get(id).catch(() => null)
        peers.push({
          peer: id.toString(),
          addrs: node.getConnections(id).map((connection) => connection.remoteAddr.toString()),
          protocols: known?.protocols ?? []
        })
      }
      return { peers }
    },

    async topics () {
      const topics = {}
      const meshPeers = {}
      for (const topic of pubsub.getTopics()) {
        topics[topic] = pubsub.getSubscribers(topic).map(String)
        meshPeers[topic] = pubsub.getMeshPeers(topic).map(String)
      }
      return { topics, meshPeers }
    }
  }
}

function peerOf (addr) {
  const id = addr.getComponents().findLast((component) => component.name === 'p2p')?.value
  return id == null ? null : peerIdFromString(id)
}
