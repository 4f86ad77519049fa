// Node 20 lacks Promise.withResolvers (ES2024, built in from Node 22), and js-libp2p 3.x and several of its
// helpers call it while their modules load. peer.mjs imports this module before anything from libp2p, so the
// method exists by then. Where Node already has it, nothing is changed.
if (!('withResolvers' in Promise)) {
  function withResolvers () {
    const handles = {}
    handles.promise = new this((resolve, reject) => {
      handles.resolve = resolve
      handles.reject = reject
    })
    return handles
  }
  Object.defineProperty(Promise, 'withResolvers', { value: withResolvers, writable: true, configurable: true })
}
