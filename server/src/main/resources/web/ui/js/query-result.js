// Renders answers of the query page: a table of an instant query, a graph of a range query,
// and an error with a caret under the column the API reports.
import { alignMatrix, drawChart, grid } from './chart.js';
import { h } from './dom.js';
import { dateTime, labelSet, number } from './format.js';

const MAX_GRAPH_SERIES = 100;

/** The position in an API error message ("... 1:15: parse error: ..."), or null. */
export function errorPosition(message) {
  const m = /(?:^|\s)(\d+):(\d+)(?:-\d+:\d+)?: /.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** The error box; with a position, the query line and a caret under the column. */
export function errorView(query, error) {
  const pos = errorPosition(error.message);
  const box = h('div', { class: 'error-box', id: 'query-error', role: 'alert', dataset: { type: error.type || '' } },
    h('div', { class: 'message' }, error.type ? `${error.type}: ${error.message}` : error.message));
  if (pos) {
    const line = query.split('\n')[pos.line - 1] ?? '';
    box.dataset.line = String(pos.line);
    box.dataset.column = String(pos.column);
    box.append(h('pre', {}, `${line}\n`, h('span', { class: 'caret' }, `${' '.repeat(Math.max(0, pos.column - 1))}^`),
      h('span', { class: 'muted' }, ` line ${pos.line}, column ${pos.column}`)));
  }
  return box;
}

function valueText(v) {
  const x = Number(v);
  return Number.isFinite(x) ? String(x) : String(v);
}

/** A table of an instant query's answer. */
export function tableView(data) {
  const { resultType, result } = data;
  let rows;
  if (resultType === 'scalar' || resultType === 'string') {
    rows = [[resultType, valueText(result[1])]];
  } else if (resultType === 'matrix') {
    rows = result.map((s) => [labelSet(s.metric), s.values.map(([t, v]) => `${valueText(v)} @${t}`).join('\n')]);
  } else {
    rows = result.map((s) => [labelSet(s.metric), valueText(s.value[1])]);
  }
  const table = h('table', { class: 'result-table', id: 'query-result', dataset: { resultType, count: String(rows.length) } },
    h('thead', {}, h('tr', {}, h('th', {}, 'Series'), h('th', { class: 'num' }, 'Value'))),
    h('tbody', {}, rows.length ? rows.map(([l, v]) => h('tr', {}, h('td', { class: 'labels' }, l),
      h('td', { class: 'value', style: resultType === 'matrix' ? 'white-space:pre' : '' }, v)))
      : h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'Empty result.'))));
  return h('div', { class: 'table-wrap' }, table);
}

/** A graph of a range query's answer into a fresh chart box. */
export function graphView(data, win) {
  const host = h('div', { class: 'chart', id: 'query-result', dataset: {
    chart: 'query', resultType: data.resultType, start: win.start, end: win.end, step: win.step,
  } });
  const series = alignMatrix((data.result || []).slice(0, MAX_GRAPH_SERIES), win.start, win.end, win.step);
  const note = (data.result || []).length > MAX_GRAPH_SERIES
    ? h('p', { class: 'muted small' }, `Showing ${MAX_GRAPH_SERIES} of ${data.result.length} series.`) : null;
  return {
    node: h('div', {}, host, note),
    draw: () => {
      if (!series.length) {
        host.dataset.series = '0';
        host.dataset.points = '0';
        host.append(h('div', { class: 'empty' }, 'Empty result.'));
        return;
      }
      drawChart(host, {
        xs: grid(win.start, win.end, win.step),
        lines: series.map((s) => ({ label: labelSet(s.metric), values: s.values })),
        format: number,
      });
      host.title = `${dateTime(win.start)} – ${dateTime(win.end)}, step ${win.step}s`;
    },
  };
}
