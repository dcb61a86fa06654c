// Page: every container with its current CPU and memory, the top consumers, and a filterable tree.
import { containerTable } from '../containers-table.js';
import { displayName, leaves, loadContainers } from '../containers-model.js';
import { h, notice, replace } from '../dom.js';
import { bytes, cores, percent } from '../format.js';
import { containerHref, replaceParams } from '../nav.js';

const REFRESH_SECONDS = 10;
const TOP_N = 5;

export function title() {
  return 'Containers';
}

export function mount(main, params) {
  const state = {
    view: params.get('view') || '',
    sort: params.get('sort') || 'cpu',
    dir: params.get('dir') === 'asc' ? 1 : -1,
    filter: params.get('q') || '',
    collapsed: new Set(),
  };
  const controller = new AbortController();
  let data = null;
  let timer = 0;

  const stats = h('div', { class: 'stats', id: 'summary' });
  const top = h('div', { class: 'grid grid-2', id: 'top-n' });
  const tableBox = h('div', { class: 'panel' }, h('div', { class: 'loading' }, 'Loading containers…'));
  const filter = h('input', {
    type: 'search', id: 'filter', placeholder: 'Filter by name, path or image', value: state.filter,
    'aria-label': 'Filter containers', size: 32,
    oninput: () => { state.filter = filter.value.trim(); draw(); },
  });
  const viewButtons = [['tree', 'cgroup tree'], ['docker', 'Docker'], ['image', 'by image']].map(([key, label]) =>
    h('button', { type: 'button', dataset: { view: key }, onclick: () => { state.view = key; draw(); } }, label));

  replace(main,
    h('div', { class: 'page-head' }, h('h1', { class: 'grow' }, 'Containers'), stats),
    h('div', { class: 'stack' },
      top,
      h('div', { class: 'toolbar' }, filter,
        h('div', { class: 'seg', role: 'group', 'aria-label': 'View' }, viewButtons),
        h('span', { class: 'muted small' }, `CPU is the rate over the last minute; refreshes every ${REFRESH_SECONDS}s.`)),
      tableBox));

  let firstDraw = true;
  function draw() {
    if (!data) return;
    if (!state.view) state.view = data.rows.some((r) => r.image) ? 'docker' : 'tree';
    if (firstDraw) {
      firstDraw = false;
      collapseCrowded(data.rows, state.collapsed);
    }
    viewButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === state.view)));
    replaceParams({ view: state.view, sort: state.sort, dir: state.dir > 0 ? 'asc' : '', q: state.filter });
    const scale = { cores: data.machine?.num_cores || 0, memory: data.machine?.memory_capacity || 0 };
    replace(tableBox, containerTable(data.rows, state, scale, draw));
  }

  async function refresh() {
    try {
      data = await loadContainers(controller.signal);
      drawSummary(stats, data);
      drawTop(top, data.rows);
      draw();
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(tableBox, notice(`Could not load the containers: ${e.message}`, 'error'));
    }
    timer = setTimeout(refresh, REFRESH_SECONDS * 1000);
  }
  refresh();
  return () => { clearTimeout(timer); controller.abort(); };
}

/** Starts with the crowded parts of the tree (more than 25 children, e.g. system.slice) closed. */
function collapseCrowded(rows, collapsed) {
  const children = new Map();
  for (const r of rows) {
    const i = r.id.lastIndexOf('/');
    const parent = i <= 0 ? '/' : r.id.slice(0, i);
    if (r.id !== '/') children.set(parent, (children.get(parent) || 0) + 1);
  }
  for (const [id, n] of children) {
    if (n > 25 && id !== '/') collapsed.add(id);
  }
}

function stat(label, value, extra) {
  return h('div', { class: 'stat' }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label),
    extra ? h('span', { class: 'muted small' }, extra) : null);
}

function drawSummary(box, data) {
  const root = data.rows.find((r) => r.id === '/');
  const m = data.machine;
  replace(box,
    stat('containers', String(leaves(data.rows).length)),
    stat('CPU in use', root ? cores(root.cpu) : '–', m ? `of ${m.num_cores} cores` : ''),
    stat('memory in use', root ? bytes(root.mem) : '–', m ? `of ${bytes(m.memory_capacity)}` : ''));
}

function drawTop(box, rows) {
  const list = leaves(rows);
  replace(box,
    topCard('Top CPU (cores)', 'top-cpu', list, 'cpu', cores, ''),
    topCard('Top memory (working set)', 'top-mem', list, 'mem', bytes, 'mem'));
}

function topCard(heading, id, rows, key, format, cls) {
  const best = rows.filter((r) => r[key] !== null).sort((a, b) => b[key] - a[key]).slice(0, TOP_N);
  const max = best.length ? best[0][key] || 1 : 1;
  return h('section', { class: 'panel' }, h('h2', {}, heading),
    best.length ? h('ol', { class: `top-list ${cls}`, id },
      best.map((r) => h('li', { dataset: { id: r.id } },
        h('a', { href: containerHref(r.id), title: r.id }, displayName(r)),
        h('span', { class: 'mono', title: key === 'cpu' ? percent(r.cpu) + ' of one core' : '' }, format(r[key])),
        h('div', { class: 'bar' }, h('span', { style: `width:${((r[key] / max) * 100).toFixed(1)}%` })))))
      : h('p', { class: 'muted' }, 'No data yet.'));
}
