// uPlot time-series charts that follow the page theme, resize with their box, mark events,
// and say what they draw in data attributes (data-series, data-points) for people and tests.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, replace } from './dom.js';
import { dateTime } from './format.js';

const PALETTE = ['#3b7ddd', '#e8833a', '#2e9d5b', '#d6453d', '#8a5cf5', '#17a2b8', '#c9a227', '#db2777',
  '#64748b', '#0f766e'];
const HEIGHT = 210;
const charts = new WeakMap();

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Aligns a matrix result to the step grid [start, end]: one array per series, null where missing. */
export function alignMatrix(result, start, end, step) {
  const n = Math.floor((end - start) / step) + 1;
  return result.map((r) => {
    const values = new Array(n).fill(null);
    for (const [t, v] of r.values || []) {
      const i = Math.round((Number(t) - start) / step);
      const x = Number(v);
      if (i >= 0 && i < n && Number.isFinite(x)) values[i] = x;
    }
    return { metric: r.metric, values };
  });
}

/** The x values (epoch seconds) of the step grid. */
export function grid(start, end, step) {
  const n = Math.floor((end - start) / step) + 1;
  return Array.from({ length: n }, (_, i) => start + i * step);
}

function markerPlugin(markers) {
  return {
    hooks: {
      draw: [(u) => {
        if (!markers.length) return;
        const { ctx } = u;
        const { top, height, left, width } = u.bbox;
        const color = cssVar('--danger') || '#d6453d';
        ctx.save();
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        for (const m of markers) {
          const x = Math.round(u.valToPos(m.time, 'x', true));
          if (x < left || x > left + width) continue;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(m.label, x + 4 * devicePixelRatio, top + 2 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  };
}

function axis(format) {
  const stroke = cssVar('--muted') || '#5f6b7d';
  const gridColor = cssVar('--grid') || 'rgba(0,0,0,0.08)';
  return { stroke, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 }, ...(format ? {
    values: (u, splits) => splits.map((v) => (v === null ? '' : format(v))),
    size: (u, values) => Math.round(24 + 7.5 * Math.max(3, ...(values || []).map((v) => String(v).length))),
  } : {}) };
}

function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null && values[i] !== undefined) return values[i];
  }
  return null;
}

/** Shows a message instead of a chart; state is "loading", "empty" or "error". */
export function chartMessage(host, state, text) {
  destroy(host);
  host.dataset.state = state;
  host.dataset.series = '0';
  host.dataset.points = '0';
  replace(host, h('div', { class: state === 'error' ? 'empty error' : 'empty' }, text));
}

function destroy(host) {
  const old = charts.get(host);
  if (old) {
    old.observer.disconnect();
    old.plot.destroy();
    charts.delete(host);
  }
}

/**
 * Draws lines over xs into host. lines: [{label, values, dash?, color?, width?}].
 * format: value formatter for the axis and the legend. markers: [{time, label}].
 */
export function drawChart(host, { xs, lines, format, markers = [] }) {
  destroy(host);
  replace(host);
  const many = lines.length > 8;
  // The legend shows the value under the cursor, or the latest value while the cursor is away.
  const legendValue = (fmt) => (u, v, si, idx) => {
    const x = idx === null || idx === undefined ? lastValue(u.data[si]) : v;
    return x === null || x === undefined ? '–' : fmt(x);
  };
  const series = [{ value: legendValue((v) => dateTime(v)) }].concat(lines.map((l, i) => ({
    label: l.label,
    stroke: l.color || PALETTE[i % PALETTE.length],
    width: l.width || (many && i > 0 ? 1 : 1.6),
    dash: l.dash,
    points: { show: false },
    spanGaps: false,
    value: legendValue(format),
  })));
  const opts = {
    width: Math.max(host.clientWidth, 200),
    height: HEIGHT,
    series,
    axes: [axis(null), axis(format)],
    scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.08 : 1] } },
    cursor: { points: { size: 6 } },
    legend: { live: true },
    plugins: [markerPlugin(markers)],
  };
  const plot = new uPlot(opts, [xs, ...lines.map((l) => l.values)], host);
  let lastWidth = host.clientWidth;
  const observer = new ResizeObserver(() => requestAnimationFrame(() => {
    const w = host.clientWidth;
    if (w > 0 && w !== lastWidth && charts.get(host)?.plot === plot) {
      lastWidth = w;
      plot.setSize({ width: w, height: HEIGHT });
    }
  }));
  observer.observe(host);
  charts.set(host, { plot, observer });
  host.dataset.state = 'ready';
  host.dataset.series = String(lines.length);
  host.dataset.points = String(Math.max(0, ...lines.map((l) => l.values.filter((v) => v !== null).length)));
  host.dataset.markers = String(markers.length);
  return plot;
}

/** Removes every chart below root (when a page is left). */
export function destroyCharts(root) {
  root.querySelectorAll('.chart').forEach(destroy);
}
