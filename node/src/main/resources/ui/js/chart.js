// A live line chart of fractions (0..1) in SVG: a fixed window of samples, redrawn as each arrives.
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 160;

export class LiveChart {
  /** series: [{ name, cssClass }] */
  constructor(title, series, capacity = 120) {
    this.capacity = capacity;
    this.series = series.map((s) => ({ ...s, values: [] }));
    this.svg = document.createElementNS(NS, 'svg');
    this.svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + HEIGHT);
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', title);
    this.svg.setAttribute('class', 'chart');
    for (const y of [0, 0.5, 1]) {
      const line = document.createElementNS(NS, 'line');
      line.setAttribute('x1', '0');
      line.setAttribute('x2', String(WIDTH));
      line.setAttribute('y1', String(this.y(y)));
      line.setAttribute('y2', String(this.y(y)));
      line.setAttribute('class', 'grid');
      this.svg.append(line);
    }
    for (const s of this.series) {
      s.line = document.createElementNS(NS, 'polyline');
      s.line.setAttribute('class', 'series ' + s.cssClass);
      this.svg.append(s.line);
    }
  }

  y(fraction) {
    return HEIGHT - 4 - Math.max(0, Math.min(1, fraction)) * (HEIGHT - 8);
  }

  push(values) {
    this.series.forEach((s, i) => {
      s.values.push(values[i]);
      if (s.values.length > this.capacity) s.values.shift();
      const step = WIDTH / (this.capacity - 1);
      // The newest sample at the right edge, older ones scrolling left.
      const first = this.capacity - s.values.length;
      s.line.setAttribute('points', s.values.map((v, j) => ((first + j) * step).toFixed(1) + ','
        + this.y(v).toFixed(1)).join(' '));
    });
  }

  samples() {
    return this.series[0].values.length;
  }
}
