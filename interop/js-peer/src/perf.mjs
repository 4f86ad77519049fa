// /perf/1.0.0 (libp2p/specs perf/perf.md) at both ends. js-libp2p 3.x ships no package for it, so it lives here.
// The client writes the number of bytes it wants back as a big-endian u64, then its upload, then closes its write
// side; the server discards the upload until that close, answers with the requested number of zero bytes and
// closes. A request above 2^53 - 1 bytes (the spec's "until the client resets" download) is served without end.

import { describe, warn } from './output.mjs'

export const PERF = '/perf/1.0.0'

const PIECE = 64 * 1024
const ZEROS = new Uint8Array(PIECE) // only ever read, so every write can hand out a view of it
const SERVER_IDLE_MS = 60_000 // a served stream on which nothing moves for this long is reset

/**
 * Resets `stream` once `ms` pass without a call to the returned `touch`. (js-libp2p 3.3's streams have an
 * `inactivityTimeout` property, but nothing acts on it.) `touch.stop()` ends the watch.
 */
function idleGuard (stream, ms) {
  const timer = setTimeout(() => stream.abort(new Error(`perf: nothing moved for ${ms / 1000} s`)), ms)
  timer.unref()
  const touch = () => timer.refresh()
  touch.stop = () => clearTimeout(timer)
  return touch
}

/** Resolves when the stream takes data again; rejects when it closes first. */
function drained (stream) {
  return new Promise((resolve, reject) => {
    const onDrain = () => { detach(); resolve() }
    const onClose = (evt) => { detach(); reject(evt.error ?? new Error('stream closed while sending')) }
    function detach () {
      stream.removeEventListener('drain', onDrain)
      stream.removeEventListener('close', onClose)
    }
    stream.addEventListener('drain', onDrain)
    stream.addEventListener('close', onClose)
  })
}

// Sends `count` zero bytes (Infinity: until the stream fails), pausing while the muxer's buffer is full.
// (stream.onDrain() is not used: in @libp2p/utils 7.x it keeps resolving after the first drain.)
async function sendZeros (stream, count, onPiece = () => {}) {
  for (let left = count; left > 0;) {
    const piece = Math.min(PIECE, left)
    left -= piece
    const more = stream.send(piece === PIECE ? ZEROS : ZEROS.subarray(0, piece))
    onPiece(piece)
    if (!more && left > 0) await drained(stream)
  }
}

/** Serves one inbound perf stream; `report` gets the perf:served event. */
export async function servePerf (stream, connection, report) {
  const began = performance.now()
  const requested = new Uint8Array(8)
  let headerBytes = 0
  let uploaded = 0
  let sent = 0
  const touch = idleGuard(stream, SERVER_IDLE_MS)
  const peer = connection.remotePeer.toString()
  try {
    for await (const chunk of stream) {
      touch()
      let forHeader = 0
      if (headerBytes < 8) {
        forHeader = Math.min(8 - headerBytes, chunk.byteLength)
        requested.set(chunk.subarray(0, forHeader), headerBytes)
        headerBytes += forHeader
      }
      uploaded += chunk.byteLength - forHeader
    }
    if (headerBytes < 8) throw new Error(`perf: the client closed after ${headerBytes} of the 8 length bytes`)
    const wanted = new DataView(requested.buffer).getBigUint64(0)
    const count = wanted > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(wanted)
    await sendZeros(stream, count, (n) => { sent += n; touch() })
    await stream.close()
    report({ ok: true, peer, received: uploaded, sent, seconds: seconds(performance.now() - began) })
  } catch (err) {
    warn(`perf for ${peer} failed: ${describe(err)}`)
    stream.abort(err)
    report({ ok: false, peer, received: uploaded, sent, error: err })
  } finally {
    touch.stop()
  }
}

/**
 * One exchange on a fresh outbound perf stream. Returns performance.now() times: `start`, `firstByte` (null
 * when nothing was asked for) and `end`. The server answers only once it has read the whole upload, so the first
 * byte of the answer (or, with nothing asked for, its close) marks the end of the upload.
 */
export async function exchange (stream, upload, download) {
  let received = 0
  let firstByte = null
  let uploading = true
  const reading = (async () => {
    for await (const chunk of stream) {
      if (uploading) throw new Error('perf: the server answered before the upload was complete')
      firstByte ??= performance.now()
      received += chunk.byteLength
      if (received > download) throw new Error(`perf: got more than the ${download} bytes asked for`)
    }
  })()
  let readFailure = null
  reading.catch((err) => {
    readFailure = err
    stream.abort(err) // also stops the upload below
  })
  const start = performance.now()
  const header = new Uint8Array(8)
  new DataView(header.buffer).setBigUint64(0, BigInt(download))
  try {
    stream.send(header)
    await sendZeros(stream, upload)
    uploading = false
    await stream.close()
  } catch (err) {
    throw readFailure ?? err
  }
  await reading
  const end = performance.now()
  if (received !== download) throw new Error(`perf: got ${received} bytes, asked for ${download}`)
  return { start, firstByte, end }
}

export function seconds (millis) {
  return Math.round(millis * 1000) / 1e6
}
