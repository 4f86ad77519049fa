// A rolling update as a deployment's page shows it. The node replaces replicas one at a time when a deployment's
// spec changes (event deployment.updating); each container carries the hash of the spec it was made from (label
// ai.hanzo.spec). The node counts the replicas that run the current spec and are ready (updated_replicas); the page
// tells from the labels that an update runs (the specs the containers had when it began, or, on a page opened
// midway, those other than the newest container's) and how many containers are still on an old spec.
import { h } from './dom.js';

const SPEC_LABEL = 'ai.hanzo.spec';
const SERVICE_LABEL = 'ai.hanzo.service';

function specOf(container) {
  return (container.labels || {})[SPEC_LABEL] || '';
}

/** On a page opened during an update: in a service with two specs, the older containers' specs are outdated. */
function outdatedSpecsIn(containers) {
  const byService = new Map();
  for (const c of containers) {
    const service = (c.labels || {})[SERVICE_LABEL] || '';
    if (!byService.has(service)) byService.set(service, []);
    byService.get(service).push(c);
  }
  const outdated = new Set();
  for (const list of byService.values()) {
    const specs = new Set(list.map(specOf));
    if (specs.size < 2) continue;
    const newest = list.reduce((a, b) => (Number(b.created || 0) > Number(a.created || 0) ? b : a));
    specs.forEach((s) => { if (s !== specOf(newest)) outdated.add(s); });
  }
  return outdated.size ? outdated : null;
}

export class RolloutProgress {
  constructor() {
    this.outdated = null; // the specs being replaced, while an update runs
    this.containers = [];
    this.total = 0;
    this.bar = h('progress', { id: 'rollout-progress', max: '1', value: '0' });
    this.text = h('span', { id: 'rollout-text' });
    this.element = h('div', { id: 'rollout', class: 'rollout', role: 'status' },
      h('strong', {}, 'Rolling update '), this.bar, ' ', this.text);
    this.element.hidden = true;
  }

  /** The node began an update: every spec the replicas were seen with so far is now outdated. */
  started() {
    if (this.containers.length === 0) return; // not looked yet: the first look infers it from the containers
    this.outdated = new Set(this.containers.map(specOf));
    this.show(0, this.total, this.containers.length);
  }

  /** A fresh look at the deployment's status and its containers. */
  update(status, containers) {
    this.containers = containers;
    this.total = status.replicas || 0;
    if (!this.outdated) this.outdated = outdatedSpecsIn(containers);
    if (!this.outdated) return;
    const total = this.total;
    const updated = status.updatedReplicas || 0; // the node's count: ready replicas made from the current spec
    const left = containers.filter((c) => this.outdated.has(specOf(c))).length;
    this.show(updated, total, left);
    if (left === 0 && updated >= total) this.outdated = null; // done: the message stays until the page is left
  }

  show(updated, total, left) {
    this.element.hidden = false;
    this.bar.max = Math.max(total, 1);
    this.bar.value = updated;
    this.text.textContent = left === 0 && updated >= total && total > 0
      ? 'complete: all ' + total + ' replicas run the new spec.'
      : updated + ' of ' + total + ' replicas updated and ready' + (left ? ', ' + left + ' still on the old spec.' : '.');
  }
}
