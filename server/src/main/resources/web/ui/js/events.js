// A container's events: a table, and OOM markers for its charts.
import { h } from './dom.js';
import { dateTime } from './format.js';

const NAMES = {
  oom: 'OOM', oomKill: 'OOM kill', containerCreation: 'created', containerDeletion: 'deleted',
};

/** Chart markers for the OOM events in a list. */
export function oomMarkers(events) {
  return events.filter((e) => e.event_type === 'oomKill' || e.event_type === 'oom')
    .map((e) => ({ time: e.time, label: NAMES[e.event_type] }));
}

function details(e) {
  const d = e.event_data || {};
  const k = d.oom || d.oomKill || d;
  return Object.entries(k).filter(([, v]) => typeof v !== 'object').map(([a, v]) => `${a}=${v}`).join(' ');
}

/** The events table (newest first). */
export function eventsView(events) {
  if (!events.length) return h('p', { class: 'muted', id: 'events', dataset: { count: '0' } }, 'No events in this range.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'events', id: 'events', dataset: { count: String(events.length) } },
    h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Event'), h('th', {}, 'Details'))),
    h('tbody', {}, [...events].reverse().map((e) => h('tr', { dataset: { type: e.event_type } },
      h('td', { class: 'mono' }, dateTime(e.time)),
      h('td', {}, h('span', { class: e.event_type.startsWith('oom') ? 'badge danger' : 'badge' }, NAMES[e.event_type] || e.event_type)),
      h('td', { class: 'mono small' }, details(e)))))));
}
