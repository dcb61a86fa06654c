// The time ranges offered by the pages and the query step that gives each chart 300-600 points.
import { h } from './dom.js';

/** Offered ranges, short to long; the last is the full retention (30 days). */
export const RANGES = [
  { key: '5m', seconds: 300, label: '5m' },
  { key: '15m', seconds: 900, label: '15m' },
  { key: '1h', seconds: 3600, label: '1h' },
  { key: '3h', seconds: 10800, label: '3h' },
  { key: '6h', seconds: 21600, label: '6h' },
  { key: '12h', seconds: 43200, label: '12h' },
  { key: '1d', seconds: 86400, label: '1d' },
  { key: '3d', seconds: 259200, label: '3d' },
  { key: '7d', seconds: 604800, label: '7d' },
  { key: 'all', seconds: 2592000, label: 'All' },
];

const NICE_STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200,
  10800, 21600, 43200, 86400];
const MAX_POINTS = 600;
/** Ranges up to this long refresh by themselves when "Live" is on. */
export const LIVE_MAX_SECONDS = 3600;

export function findRange(key) {
  return RANGES.find((r) => r.key === key) || RANGES[2];
}

/** The smallest nice step that keeps a range at or below 600 points. */
export function stepFor(seconds) {
  return NICE_STEPS.find((s) => seconds / s <= MAX_POINTS) || NICE_STEPS[NICE_STEPS.length - 1];
}

/** The rate() window for a step: four steps, never below 10 s (enough samples at a 1 s interval). */
export function rateWindow(step) {
  return `${Math.max(4 * step, 10)}s`;
}

/** The concrete window of a range ending now, aligned to its step so refreshes line up. */
export function timeWindow(rangeKey, nowSeconds = Date.now() / 1000) {
  const r = findRange(rangeKey);
  const step = stepFor(r.seconds);
  const end = Math.floor(nowSeconds / step) * step;
  return { key: r.key, seconds: r.seconds, step, start: end - r.seconds, end, rate: rateWindow(step) };
}

/** Seconds between live refreshes of a range (0: no live refresh). */
export function liveInterval(rangeKey) {
  const r = findRange(rangeKey);
  if (r.seconds > LIVE_MAX_SECONDS) return 0;
  return r.seconds <= 900 ? 5 : 15;
}

/**
 * A segmented range picker with a "Live" switch. onChange(rangeKey, live) runs on every change.
 */
export function rangePicker(current, live, onChange) {
  let selected = current;
  const liveBox = h('input', { type: 'checkbox', id: 'live-toggle' });
  liveBox.checked = live && liveInterval(current) > 0;
  const buttons = RANGES.map((r) => h('button', {
    type: 'button',
    'aria-pressed': String(r.key === current),
    dataset: { range: r.key },
    title: r.key === 'all' ? 'Everything retention keeps (up to 30 days)' : `Last ${r.label}`,
    onclick: () => {
      selected = r.key;
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === selected)));
      syncLive();
      onChange(selected, liveBox.checked);
    },
  }, r.label));
  function syncLive() {
    const possible = liveInterval(selected) > 0;
    liveBox.disabled = !possible;
    if (!possible) liveBox.checked = false;
  }
  liveBox.addEventListener('change', () => onChange(selected, liveBox.checked));
  syncLive();
  return h('div', { class: 'toolbar range-picker' },
    h('div', { class: 'seg', role: 'group', 'aria-label': 'Time range' }, buttons),
    h('label', { class: 'check', title: 'Refresh by itself (ranges up to 1h)' }, liveBox, h('span', {}, 'Live')));
}
