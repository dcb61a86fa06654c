// The container table: tree, Docker and by-image views, sortable and filtered.
import { buildTree, byImage, comparator, displayName, matches } from './containers-model.js';
import { h } from './dom.js';
import { bytes, cores, percent } from './format.js';
import { containerHref } from './nav.js';

const COLUMNS = [
  { key: 'name', label: 'Container', cls: '' },
  { key: 'cpu', label: 'CPU (cores)', cls: 'num' },
  { key: 'mem', label: 'Memory (working set)', cls: 'num' },
];

/**
 * Renders the table. state: {view: "tree"|"docker"|"image", sort, dir, filter, collapsed:Set}.
 * scale: {cores, memory} of the machine for the bars. onChange() re-renders after a click.
 */
export function containerTable(rows, state, scale, onChange) {
  const head = h('tr', {}, COLUMNS.map((c) => h('th', {
    class: `sortable ${c.cls}`,
    scope: 'col',
    'aria-sort': state.sort === c.key ? (state.dir > 0 ? 'ascending' : 'descending') : undefined,
    dataset: { sort: c.key },
    onclick: () => {
      state.dir = state.sort === c.key ? -state.dir : (c.key === 'name' ? 1 : -1);
      state.sort = c.key;
      onChange();
    },
  }, c.label)));
  const body = h('tbody');
  const cmp = comparator(state.sort, state.dir);
  if (state.view === 'tree') treeRows(body, buildTree(rows), 0, state, cmp, scale, onChange);
  else if (state.view === 'image') imageRows(body, rows, state, cmp, scale);
  else rows.filter((r) => r.image && matches(r, state.filter)).sort(cmp)
    .forEach((r) => body.append(rowOf(r, 0, null, scale)));
  const count = body.querySelectorAll('tr[data-id]').length;
  if (!count) body.append(h('tr', {}, h('td', { colspan: 3, class: 'muted' }, emptyText(state))));
  return h('div', { class: 'table-wrap' },
    h('table', { id: 'container-table', dataset: { count: String(count), view: state.view } },
      h('thead', {}, head), body));
}

function emptyText(state) {
  if (state.filter) return `Nothing matches "${state.filter}".`;
  return state.view === 'tree' ? 'No containers recorded yet.' : 'No Docker containers recorded (switch to the cgroup tree).';
}

function visible(node, filter) {
  return matches(node, filter) || node.children.some((c) => visible(c, filter));
}

function treeRows(body, nodes, depth, state, cmp, scale, onChange) {
  for (const node of nodes.filter((n) => visible(n, state.filter)).sort(cmp)) {
    const open = !state.collapsed.has(node.id) || Boolean(state.filter);
    const twisty = node.children.length
      ? h('button', {
        class: 'twisty', type: 'button', 'aria-expanded': String(open),
        'aria-label': open ? 'Collapse' : 'Expand',
        onclick: () => {
          if (state.collapsed.has(node.id)) state.collapsed.delete(node.id);
          else state.collapsed.add(node.id);
          onChange();
        },
      }, open ? '▼' : '▶')
      : h('span', { class: 'twisty leaf' }, '·');
    body.append(rowOf(node, depth, twisty, scale));
    if (open) treeRows(body, node.children, depth + 1, state, cmp, scale, onChange);
  }
}

function imageRows(body, rows, state, cmp, scale) {
  const groups = byImage(rows.filter((r) => matches(r, state.filter)));
  const gcmp = state.sort === 'name' ? (a, b) => state.dir * a.image.localeCompare(b.image)
    : (a, b) => state.dir * (a[state.sort] - b[state.sort]);
  for (const g of groups.sort(gcmp)) {
    body.append(h('tr', { class: 'group-row', dataset: { image: g.image } },
      h('td', {}, g.image, ' ', h('span', { class: 'badge' }, `${g.rows.length}`)),
      h('td', { class: 'num' }, cores(g.cpu)),
      h('td', { class: 'num' }, bytes(g.mem))));
    g.rows.sort(cmp).forEach((r) => body.append(rowOf(r, 1, null, scale)));
  }
}

function meter(text, fraction, kind, title) {
  const width = Math.max(0, Math.min(1, fraction || 0)) * 100;
  return h('div', { class: `meter ${kind}`, title },
    h('span', {}, text), h('div', { class: 'bar' }, h('span', { style: `width:${width.toFixed(1)}%` })));
}

function rowOf(r, depth, twisty, scale) {
  const sub = r.image ? `${r.image} · ${r.id}` : (r.name && r.name !== r.id ? r.id : '');
  const cpuShare = scale.cores ? r.cpu / scale.cores : null;
  const memOf = r.limit || scale.memory;
  const memShare = memOf ? r.mem / memOf : null;
  return h('tr', { dataset: { id: r.id } },
    h('td', {},
      h('div', { class: 'name-cell', style: `padding-left:${depth * 18}px` },
        twisty,
        h('div', { style: 'min-width:0' },
          h('a', { href: containerHref(r.id) }, displayName(r)),
          sub ? h('div', { class: 'sub', title: sub }, sub) : null))),
    h('td', { class: 'num' }, meter(cores(r.cpu), cpuShare, 'cpu',
      cpuShare === null ? '' : `${percent(cpuShare)} of ${scale.cores} cores`)),
    h('td', { class: 'num' }, meter(bytes(r.mem), memShare, 'mem',
      memShare === null ? '' : `${percent(memShare)} of ${r.limit ? 'its limit' : 'machine memory'} (${bytes(memOf)})`)));
}
