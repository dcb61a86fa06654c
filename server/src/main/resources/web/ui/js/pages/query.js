// Page: type PromQL, see a table (instant query) or a graph (range query), errors with positions.
import { instant, range } from '../api.js';
import { destroyCharts } from '../chart.js';
import { h, replace } from '../dom.js';
import { replaceParams } from '../nav.js';
import { errorView, graphView, tableView } from '../query-result.js';
import { rangePicker, timeWindow } from '../range.js';

const EXAMPLES = [
  'sum by (name) (rate(container_cpu_usage_seconds_total{image!=""}[1m]))',
  'topk(5, container_memory_working_set_bytes{id!="/"})',
  'rate(container_network_receive_bytes_total{id="/"}[5m])',
];

export function title() {
  return 'Query';
}

export function mount(main, params) {
  let tab = params.get('tab') === 'graph' ? 'graph' : 'table';
  let rangeKey = params.get('range') || '1h';
  let controller = new AbortController();
  const input = h('textarea', {
    class: 'query-input', id: 'query-input', spellcheck: 'false', 'aria-label': 'PromQL expression',
    placeholder: 'PromQL, e.g. rate(container_cpu_usage_seconds_total[1m])   (Ctrl+Enter runs it)',
    onkeydown: (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } },
  });
  input.value = params.get('q') || '';
  const out = h('div', { id: 'query-output' });
  const tabs = [['table', 'Table'], ['graph', 'Graph']].map(([key, label]) => h('button', {
    type: 'button', dataset: { tab: key }, onclick: () => { tab = key; syncTabs(); if (input.value.trim()) run(); },
  }, label));
  const picker = rangePicker(rangeKey, false, (key) => { rangeKey = key; if (input.value.trim()) run(); });
  picker.querySelector('.check').remove(); // a query page never refreshes by itself
  function syncTabs() {
    tabs.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tab === tab)));
    picker.style.visibility = tab === 'graph' ? 'visible' : 'hidden';
  }

  replace(main,
    h('div', { class: 'page-head' }, h('h1', { class: 'grow' }, 'Query')),
    h('div', { class: 'stack' },
      h('section', { class: 'panel stack' }, input,
        h('div', { class: 'toolbar' },
          h('button', { class: 'btn primary', type: 'button', id: 'run-query', onclick: run }, 'Run'),
          h('div', { class: 'seg', role: 'group', 'aria-label': 'Show as' }, tabs), picker),
        h('div', { class: 'muted small' }, 'Examples: ', EXAMPLES.map((ex, i) => [i ? ' · ' : '',
          h('a', { href: '#', onclick: (e) => { e.preventDefault(); input.value = ex; run(); } }, h('code', {}, ex))]))),
      h('section', { class: 'panel' }, out)));
  syncTabs();

  async function run() {
    const query = input.value.trim();
    controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    destroyCharts(out);
    replaceParams({ q: query, tab, range: tab === 'graph' ? rangeKey : '' });
    if (!query) {
      replace(out, h('p', { class: 'muted' }, 'Type an expression first.'));
      return;
    }
    replace(out, h('div', { class: 'loading' }, 'Running…'));
    try {
      if (tab === 'table') {
        replace(out, tableView(await instant(query, undefined, signal)));
      } else {
        const win = timeWindow(rangeKey);
        const graph = graphView(await range(query, win.start, win.end, win.step, signal), win);
        replace(out, graph.node);
        graph.draw();
      }
    } catch (e) {
      if (e.name !== 'AbortError') replace(out, errorView(query, e));
    }
  }
  if (input.value.trim()) run();
  else replace(out, h('p', { class: 'muted' }, 'Results appear here.'));
  return () => { controller.abort(); destroyCharts(main); };
}
