// The container list: current CPU and memory per cgroup, its tree and its groupings.
import { instant, machine, vector } from './api.js';

/** One row per cgroup: {id, name, image, cpu (cores), mem (bytes), limit (bytes or null)}. */
export async function loadContainers(signal) {
  const [cpu, mem, limit, info, host] = await Promise.all([
    instant('sum by (id) (rate(container_cpu_usage_seconds_total[1m]))', undefined, signal),
    instant('max by (id, name, image) (container_memory_working_set_bytes)', undefined, signal),
    instant('max by (id) (container_spec_memory_limit_bytes) > 0 < 1e18', undefined, signal),
    instant('container_info', undefined, signal),
    machine(signal).catch((e) => (e.name === 'AbortError' ? Promise.reject(e) : null)),
  ]);
  const rows = new Map();
  const row = (metric) => {
    if (!metric.id) return null;
    if (!rows.has(metric.id)) rows.set(metric.id, { id: metric.id, name: '', image: '', cpu: null, mem: null, limit: null });
    const r = rows.get(metric.id);
    if (metric.name && !r.name) r.name = metric.name;
    if (metric.image && !r.image) r.image = metric.image;
    return r;
  };
  for (const s of vector(info)) row(s.metric);
  for (const s of vector(mem)) row(s.metric).mem = s.value;
  for (const s of vector(cpu)) { const r = row(s.metric); if (r) r.cpu = s.value; }
  for (const s of vector(limit)) { const r = row(s.metric); if (r) r.limit = s.value; }
  return { rows: [...rows.values()], machine: host };
}

/** The name people know: the Docker name, else the last part of the cgroup path. */
export function displayName(r) {
  if (r.name && r.name !== r.id) return r.name.replace(/^\//, '');
  if (r.id === '/') return '/ (whole machine)';
  return r.id.slice(r.id.lastIndexOf('/') + 1) || r.id;
}

function parentPath(id) {
  if (id === '/') return null;
  const i = id.lastIndexOf('/');
  return i <= 0 ? '/' : id.slice(0, i);
}

/** Rows as a tree by cgroup path; a row's parent is its nearest listed ancestor. */
export function buildTree(rows) {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    let p = parentPath(node.id);
    while (p !== null && !nodes.has(p)) p = parentPath(p);
    if (p === null) roots.push(node);
    else nodes.get(p).children.push(node);
  }
  return roots;
}

/** Rows with no listed descendants (the containers themselves), without the root. */
export function leaves(rows) {
  const ids = rows.map((r) => r.id);
  return rows.filter((r) => r.id !== '/' && !ids.some((o) => o !== r.id && o.startsWith(`${r.id}/`)));
}

/** Docker containers (those with an image) grouped by image: [{image, rows, cpu, mem}]. */
export function byImage(rows) {
  const groups = new Map();
  for (const r of rows.filter((x) => x.image)) {
    if (!groups.has(r.image)) groups.set(r.image, { image: r.image, rows: [], cpu: 0, mem: 0 });
    const g = groups.get(r.image);
    g.rows.push(r);
    g.cpu += r.cpu || 0;
    g.mem += r.mem || 0;
  }
  return [...groups.values()];
}

/** Whether a row matches a filter text (name, path or image, case-insensitive). */
export function matches(r, text) {
  if (!text) return true;
  const t = text.toLowerCase();
  return [r.id, r.name, r.image, displayName(r)].some((s) => s && s.toLowerCase().includes(t));
}

/** A comparator for sort key "name", "cpu" or "mem" and dir 1 (ascending) or -1. */
export function comparator(key, dir) {
  return (a, b) => {
    if (key === 'name') return dir * displayName(a).localeCompare(displayName(b));
    const x = a[key] ?? -1;
    const y = b[key] ?? -1;
    return dir * (x - y) || displayName(a).localeCompare(displayName(b));
  };
}
