// A container's spec and limits: from /api/v2.0/spec, else from its container_spec_* series.
import { instant, quote, spec as fetchSpec, vector } from './api.js';
import { h, keyValues } from './dom.js';
import { bytes, dateTime } from './format.js';

const UNLIMITED = 1e18;

function limitText(v) {
  if (v === undefined || v === null) return '';
  return v <= 0 || v >= UNLIMITED ? 'unlimited' : bytes(v);
}

function quotaText(quota, period) {
  if (!quota || quota <= 0 || !period) return 'unlimited';
  return `${(quota / period).toFixed(2)} cores (${quota} µs per ${period} µs)`;
}

/** Loads what is known of a container's spec as {pairs: [[label, value]], labels: {}}. */
export async function loadSpec(id, signal) {
  try {
    const s = await fetchSpec(id, signal);
    if (s) return fromApi(s);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
  }
  return fromSeries(id, signal);
}

function fromApi(s) {
  const cpu = s.cpu || {};
  const mem = s.memory || {};
  return {
    labels: s.labels || {},
    pairs: [
      ['Image', s.image],
      ['Created', s.creation_time ? dateTime(Date.parse(s.creation_time) / 1000) : ''],
      ['CPU quota', s.has_cpu ? quotaText(cpu.quota, cpu.period) : ''],
      ['CPU shares', s.has_cpu && cpu.limit ? String(cpu.limit) : ''],
      ['CPU set', cpu.mask],
      ['Memory limit', s.has_memory ? limitText(mem.limit) : ''],
      ['Memory reservation', s.has_memory && mem.reservation ? limitText(mem.reservation) : ''],
      ['Swap limit', s.has_memory && mem.swap_limit ? limitText(mem.swap_limit) : ''],
      ['PIDs limit', s.has_processes && s.processes && s.processes.limit ? String(s.processes.limit) : ''],
    ],
  };
}

async function fromSeries(id, signal) {
  const data = await instant(`{__name__=~"container_spec_.+|container_start_time_seconds", id=${quote(id)}}`, undefined, signal);
  const v = {};
  for (const s of vector(data)) v[s.metric.__name__] = s.value;
  return {
    labels: {},
    pairs: [
      ['Started', v.container_start_time_seconds ? dateTime(v.container_start_time_seconds) : ''],
      ['CPU quota', 'container_spec_cpu_quota' in v ? quotaText(v.container_spec_cpu_quota, v.container_spec_cpu_period) : ''],
      ['CPU shares', v.container_spec_cpu_shares ? String(v.container_spec_cpu_shares) : ''],
      ['Memory limit', limitText(v.container_spec_memory_limit_bytes)],
      ['Memory reservation', v.container_spec_memory_reservation_limit_bytes ? limitText(v.container_spec_memory_reservation_limit_bytes) : ''],
      ['Swap limit', v.container_spec_memory_swap_limit_bytes ? limitText(v.container_spec_memory_swap_limit_bytes) : ''],
    ],
  };
}

/** The spec panel's content. */
export function specView(spec) {
  const labels = Object.entries(spec.labels || {});
  const known = spec.pairs.filter(([, v]) => v);
  return h('div', { id: 'spec' },
    known.length ? keyValues(known) : h('p', { class: 'muted' }, 'No spec recorded for this container.'),
    labels.length ? h('details', { style: 'margin-top:10px' },
      h('summary', { class: 'muted' }, `${labels.length} labels`),
      keyValues(labels.sort(([a], [b]) => a.localeCompare(b)))) : null);
}
