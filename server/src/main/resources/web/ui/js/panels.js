// The metric charts of one container (cgroup path): what each one asks and how it draws it.
import { quote, range } from './api.js';
import { alignMatrix, chartMessage, drawChart, grid } from './chart.js';
import { h } from './dom.js';
import { bytes, bytesPerSec, cores, number, percent } from './format.js';

/** Chart definitions; queries(sel, w) gives PromQL for a selector body and a rate window. */
export const PANELS = {
  cpu: {
    title: 'CPU', hint: 'cores: total, per core and quota', format: cores,
    queries: (sel, w) => [
      { q: `sum(rate(container_cpu_usage_seconds_total{${sel}}[${w}]))`, label: () => 'total', width: 2.2 },
      { q: `sum by (cpu) (rate(container_cpu_usage_seconds_total{${sel},cpu!="total"}[${w}]))`, label: (m) => m.cpu },
      { q: `max(container_spec_cpu_quota{${sel}}) / max(container_spec_cpu_period{${sel}}) > 0`, label: () => 'quota', dash: [6, 4], color: '#d6453d' },
    ],
  },
  throttling: {
    title: 'CPU throttling', hint: 'share of CFS periods throttled', format: (v) => percent(v, 0),
    empty: 'No throttling data (no CPU quota set)',
    queries: (sel, w) => [{
      q: `sum(rate(container_cpu_cfs_throttled_periods_total{${sel}}[${w}])) / sum(rate(container_cpu_cfs_periods_total{${sel}}[${w}]))`,
      label: () => 'throttled periods',
    }],
  },
  memory: {
    title: 'Memory', hint: 'usage, working set and limit', format: bytes,
    queries: (sel) => [
      { q: `sum(container_memory_usage_bytes{${sel}})`, label: () => 'usage' },
      { q: `sum(container_memory_working_set_bytes{${sel}})`, label: () => 'working set' },
      { q: `max(container_spec_memory_limit_bytes{${sel}}) > 0 < 1e18`, label: () => 'limit', dash: [6, 4], color: '#d6453d' },
    ],
  },
  network: {
    title: 'Network', hint: 'bytes/s per interface', format: bytesPerSec,
    empty: 'No network interfaces recorded for this container',
    queries: (sel, w) => [
      { q: `sum by (interface) (rate(container_network_receive_bytes_total{${sel}}[${w}]))`, label: (m) => `${m.interface} rx` },
      { q: `sum by (interface) (rate(container_network_transmit_bytes_total{${sel}}[${w}]))`, label: (m) => `${m.interface} tx`, dash: [4, 3] },
    ],
  },
  disk: {
    title: 'Disk I/O', hint: 'bytes/s per device', format: bytesPerSec,
    empty: 'No disk I/O recorded for this container',
    queries: (sel, w) => [
      { q: `sum by (device) (rate(container_fs_reads_bytes_total{${sel}}[${w}]))`, label: (m) => `${m.device || 'all'} read` },
      { q: `sum by (device) (rate(container_fs_writes_bytes_total{${sel}}[${w}]))`, label: (m) => `${m.device || 'all'} write`, dash: [4, 3] },
    ],
  },
  processes: {
    title: 'Processes', hint: 'processes and threads', format: number,
    queries: (sel) => [
      { q: `sum(container_processes{${sel}})`, label: () => 'processes' },
      { q: `sum(container_threads{${sel}})`, label: () => 'threads', dash: [4, 3] },
    ],
  },
};

/** The panel boxes for the given chart keys; each holds a .chart[data-chart=key]. */
export function panelBoxes(keys) {
  return keys.map((key) => h('section', { class: 'panel chart-panel' },
    h('h2', {}, PANELS[key].title, h('span', { class: 'muted' }, PANELS[key].hint)),
    h('div', { class: 'chart', dataset: { chart: key, state: 'loading' } })));
}

/** Fetches and draws every .chart below root for container id over win ({start, end, step, rate}). */
export function loadPanels(root, id, win, markers, signal) {
  const sel = `id=${quote(id)}`;
  return Promise.all([...root.querySelectorAll('.chart[data-chart]')].map(
    (host) => loadPanel(host, PANELS[host.dataset.chart], sel, win, markers, signal)));
}

async function loadPanel(host, panel, sel, win, markers, signal) {
  Object.assign(host.dataset, { start: win.start, end: win.end, step: win.step, range: win.key });
  if (host.dataset.state !== 'ready') chartMessage(host, 'loading', 'Loading…');
  const defs = panel.queries(sel, win.rate);
  try {
    const answers = await Promise.all(defs.map((d) => range(d.q, win.start, win.end, win.step, signal)));
    const lines = [];
    answers.forEach((data, i) => {
      const d = defs[i];
      for (const s of alignMatrix(data.result || [], win.start, win.end, win.step)) {
        if (s.values.some((v) => v !== null)) {
          lines.push({ label: d.label(s.metric), values: s.values, dash: d.dash, color: d.color, width: d.width });
        }
      }
    });
    if (!lines.length) {
      chartMessage(host, 'empty', panel.empty || 'No data in this range');
      return;
    }
    drawChart(host, { xs: grid(win.start, win.end, win.step), lines, format: panel.format, markers });
  } catch (e) {
    if (e.name === 'AbortError') return;
    chartMessage(host, 'error', `Could not load: ${e.message}`);
  }
}
