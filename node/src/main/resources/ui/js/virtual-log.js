// A log view that keeps up with thousands of lines a second: the lines live in a fixed-size ring (pushing is O(1),
// the oldest are dropped), and the page holds only the rows in sight, as one text node placed over a spacer as
// tall as every line would be. DOM size and memory stay the same however long the log runs.

/** The last `capacity` lines, oldest first; `dropped` counts what fell off the front. */
export class LineRing {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.start = 0;
    this.length = 0;
    this.dropped = 0;
  }

  push(line) {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = line;
      this.length++;
    } else {
      this.items[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  get(i) { return this.items[(this.start + i) % this.capacity]; }

  /** Lines from..to (exclusive), oldest first. */
  slice(from, to) {
    const out = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.get(i));
    return out;
  }

  toArray() { return this.slice(0, this.length); }

  clear() {
    this.items = new Array(this.capacity);
    this.start = 0;
    this.length = 0;
    this.dropped = 0;
  }
}

/** Rows drawn above and below the visible ones, so a quick scroll does not show a blank edge. */
const OVERSCAN = 10;

/**
 * Shows a LineRing (or a frozen copy while paused) in `container`, a scrolling box whose rows are `rowHeight`
 * pixels (the CSS line-height of .log-window). Follows the end unless the reader scrolled up.
 */
export class VirtualLog {
  constructor(container, rowHeight) {
    this.container = container;
    this.rowHeight = rowHeight;
    this.spacer = document.createElement('div');
    this.spacer.className = 'log-spacer';
    this.window = document.createElement('pre');
    this.window.className = 'log-window';
    container.replaceChildren(this.spacer, this.window);
    this.following = true;
    this.source = null;
    container.addEventListener('scroll', () => {
      const c = this.container;
      this.following = c.scrollTop + c.clientHeight >= c.scrollHeight - this.rowHeight;
      this.schedule();
    });
    this.scheduled = false;
  }

  /** What to show: anything with length and slice(from, to). */
  show(source) {
    this.source = source;
    this.schedule();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  render() {
    const c = this.container;
    const total = this.source ? this.source.length : 0;
    this.spacer.style.height = (total * this.rowHeight) + 'px';
    if (this.following) c.scrollTop = c.scrollHeight;
    const first = Math.max(0, Math.floor(c.scrollTop / this.rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((c.scrollTop + c.clientHeight) / this.rowHeight) + OVERSCAN);
    this.window.style.transform = 'translateY(' + (first * this.rowHeight) + 'px)';
    this.window.textContent = total ? this.source.slice(first, last).join('\n') : '';
  }
}
