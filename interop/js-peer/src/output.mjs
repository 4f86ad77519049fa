// The peer's only channel to its driver: stdout, one JSON object per line. Lines produced before the
// "listening" line (e.g. an mDNS discovery while the node starts) are held back, so the driver can rely on
// "listening" coming first.

let open = false
const heldBack = []

function line (obj) {
  return JSON.stringify(obj, (_key, value) => (typeof value === 'bigint' ? String(value) : value)) + '\n'
}

/** Writes one event or reply, or keeps it until {@link openWith} when the listening line is not out yet. */
export function say (obj) {
  if (open) {
    process.stdout.write(line(obj))
  } else {
    heldBack.push(obj)
  }
}

/** Writes the listening line, then everything held back so far. */
export function openWith (listening) {
  process.stdout.write(line(listening))
  open = true
  for (const obj of heldBack.splice(0)) process.stdout.write(line(obj))
}

/** Writes the last line and resolves once it has left the process. */
export function sayLast (obj) {
  return new Promise((resolve) => process.stdout.write(line(obj), () => resolve()))
}

/** "Name: message" for errors with a telling class name (TimeoutError, ...), just the message otherwise. */
export function describe (err) {
  if (err == null) return 'unknown error'
  const message = err.message ?? String(err)
  return err.name != null && err.name !== 'Error' ? `${err.name}: ${message}` : message
}

/** Diagnostics for humans: stderr only, never stdout. */
export function warn (text) {
  process.stderr.write(`js-peer: ${text}\n`)
}
