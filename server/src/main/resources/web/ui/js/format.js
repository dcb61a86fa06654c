// Number and time formatting shared by tables, charts and cards.

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 -> "1.5 KiB". */
export function bytes(v, digits = 1) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  let i = 0;
  let x = Math.abs(v);
  while (x >= 1024 && i < IEC.length - 1) { x /= 1024; i++; }
  return `${v < 0 ? '-' : ''}${i === 0 ? x.toFixed(0) : x.toFixed(x >= 100 ? 0 : digits)} ${IEC[i]}`;
}

export function bytesPerSec(v) {
  return v === null || v === undefined ? '–' : `${bytes(v)}/s`;
}

/** CPU in cores: 0.0123 -> "12.3 m", 1.5 -> "1.50". */
export function cores(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v !== 0 && Math.abs(v) < 0.1) return `${(v * 1000).toFixed(Math.abs(v) < 0.01 ? 1 : 0)}m`;
  return v.toFixed(2);
}

export function percent(v, digits = 1) {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(digits)}%`;
}

/** Short plain number: 1234567 -> "1.23M". */
export function number(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${(v / 1e3).toPrecision(3)}k`;
  if (Number.isInteger(v)) return String(v);
  return a >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

/** Seconds -> "5m", "1h", "3d", "90s". */
export function duration(seconds) {
  const units = [[86400, 'd'], [3600, 'h'], [60, 'm']];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** Epoch seconds -> local "2026-11-27 04:55:12". */
export function dateTime(epochSeconds) {
  const d = new Date(epochSeconds * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A Prometheus label set as text: name{a="b", c="d"}. */
export function labelSet(metric) {
  const name = metric.__name__ || '';
  const pairs = Object.keys(metric).filter((k) => k !== '__name__').sort()
    .map((k) => `${k}="${metric[k]}"`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : name || '{}';
}
