// Page: the machine (cores, memory, disks, filesystems, network devices) and its overall usage.
import { machine as fetchMachine } from '../api.js';
import { destroyCharts } from '../chart.js';
import { h, keyValues, notice, replace } from '../dom.js';
import { bytes } from '../format.js';
import { replaceParams } from '../nav.js';
import { loadPanels, panelBoxes } from '../panels.js';
import { liveInterval, rangePicker, timeWindow } from '../range.js';

const CHARTS = ['cpu', 'memory', 'network', 'disk'];

export function title() {
  return 'Machine';
}

export function mount(main, params) {
  let rangeKey = params.get('range') || '1h';
  let live = params.get('live') !== 'off';
  let controller = new AbortController();
  const pageController = new AbortController();
  let timer = 0;
  const facts = h('div', { class: 'stack', id: 'machine-facts' }, h('div', { class: 'loading' }, 'Loading…'));
  const charts = h('div', { class: 'grid grid-halves', id: 'charts' }, panelBoxes(CHARTS));
  const picker = rangePicker(rangeKey, live, (key, isLive) => { rangeKey = key; live = isLive; load(); });

  replace(main,
    h('div', { class: 'page-head' }, h('h1', { class: 'grow' }, 'Machine')),
    h('div', { class: 'stack' }, facts,
      h('div', { class: 'page-head' }, h('h2', { class: 'grow', style: 'margin:0' }, 'Overall usage (cgroup /)'), picker),
      charts));

  fetchMachine(pageController.signal)
    .then((m) => replace(facts, machineCards(m)))
    .catch((e) => e.name !== 'AbortError' && replace(facts, notice(`Could not load the machine: ${e.message}`, 'error')));

  async function load() {
    clearTimeout(timer);
    controller.abort();
    controller = new AbortController();
    replaceParams({ range: rangeKey, live: live ? '' : 'off' });
    const win = timeWindow(rangeKey);
    main.dataset.range = win.key;
    main.dataset.step = String(win.step);
    await loadPanels(charts, '/', win, [], controller.signal);
    const every = live ? liveInterval(rangeKey) : 0;
    if (every && !controller.signal.aborted) timer = setTimeout(load, every * 1000);
  }
  load();
  return () => { clearTimeout(timer); controller.abort(); pageController.abort(); destroyCharts(main); };
}

function card(title, ...body) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...body);
}

function table(heads, rows, id) {
  if (!rows.length) return h('p', { class: 'muted' }, 'None reported.');
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, heads.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: i > 0 && typeof c === 'number' ? 'num' : '' }, c)))))));
}

function machineCards(m) {
  const disks = Object.values(m.disk_map || {}).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const fs = m.filesystems || [];
  const nics = m.network_devices || [];
  return [h('div', { class: 'grid grid-3' },
    card('CPU', keyValues([
      ['Logical cores', m.num_cores], ['Physical cores', m.num_physical_cores], ['Sockets', m.num_sockets],
      ['Frequency', m.cpu_frequency_khz ? `${(m.cpu_frequency_khz / 1e6).toFixed(2)} GHz` : ''],
    ])),
    card('Memory', keyValues([
      ['Capacity', m.memory_capacity ? bytes(m.memory_capacity) : ''],
      ['Swap', m.swap_capacity ? bytes(m.swap_capacity) : ''],
      ['NUMA nodes', (m.topology || []).length || ''],
    ])),
    card('Identity', keyValues([
      ['Machine id', m.machine_id], ['Boot id', m.boot_id], ['System UUID', m.system_uuid],
      ['Instance', [m.cloud_provider, m.instance_type].filter((x) => x && x !== 'Unknown').join(' ')],
    ]))),
  h('div', { class: 'grid grid-3' },
    card('Disks', table(['Name', 'Device', 'Size', 'Scheduler'],
      disks.map((d) => [d.name, `${d.major}:${d.minor}`, bytes(d.size), d.scheduler || '']), 'disks')),
    card('Filesystems', table(['Device', 'Type', 'Capacity', 'Inodes'],
      fs.map((f) => [f.device, f.type || '', bytes(f.capacity), f.has_inodes ? String(f.inodes) : '']), 'filesystems')),
    card('Network devices', table(['Name', 'MAC', 'Speed', 'MTU'],
      nics.map((n) => [n.name, n.mac_address || '', n.speed ? `${n.speed} Mb/s` : '', n.mtu ? String(n.mtu) : '']), 'nics')))];
}
