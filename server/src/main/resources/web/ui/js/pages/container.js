// Page: one container's spec, its charts over a chosen range, and its events (OOM kills marked).
import { events as fetchEvents, instant, quote, vector } from '../api.js';
import { destroyCharts } from '../chart.js';
import { displayName } from '../containers-model.js';
import { h, notice, replace } from '../dom.js';
import { eventsView, oomMarkers } from '../events.js';
import { replaceParams } from '../nav.js';
import { loadPanels, panelBoxes } from '../panels.js';
import { liveInterval, rangePicker, timeWindow } from '../range.js';
import { loadSpec, specView } from '../spec.js';

const CHARTS = ['cpu', 'throttling', 'memory', 'network', 'disk', 'processes'];

export function title(params) {
  return params.get('id') || 'Container';
}

export function mount(main, params) {
  const id = params.get('id');
  if (!id) {
    replace(main, notice('No container chosen. Pick one from the list.', 'error'));
    return null;
  }
  let rangeKey = params.get('range') || '1h';
  let live = params.get('live') !== 'off';
  let controller = new AbortController();
  const pageController = new AbortController();
  let timer = 0;

  const heading = h('h1', {}, id);
  const sub = h('div', { class: 'muted mono small' }, id);
  const specBox = h('section', { class: 'panel' }, h('h2', {}, 'Spec and limits'), h('div', { class: 'loading' }, 'Loading…'));
  const eventsBox = h('section', { class: 'panel' }, h('h2', {}, 'Events'), h('div', { class: 'loading' }, 'Loading…'));
  const charts = h('div', { class: 'grid grid-2', id: 'charts' }, panelBoxes(CHARTS));
  const picker = rangePicker(rangeKey, live, (key, isLive) => {
    rangeKey = key;
    live = isLive;
    load();
  });

  replace(main,
    h('div', { class: 'page-head' }, h('div', { class: 'grow' }, heading, sub), picker),
    h('div', { class: 'stack' }, specBox, charts, eventsBox));

  // The spec API is asked only about containers the store knows (an unknown one would be a 404).
  loadIdentity(id, heading, sub, pageController.signal)
    .then((known) => (known ? loadSpec(id, pageController.signal) : { pairs: [], labels: {} }))
    .then((s) => replace(specBox, h('h2', {}, 'Spec and limits'), specView(s)))
    .catch((e) => e.name !== 'AbortError' && replace(specBox, h('h2', {}, 'Spec and limits'), notice(e.message, 'error')));

  async function load() {
    clearTimeout(timer);
    controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    replaceParams({ id, range: rangeKey, live: live ? '' : 'off' });
    const win = timeWindow(rangeKey);
    main.dataset.range = win.key;
    main.dataset.step = String(win.step);
    let list = [];
    try {
      list = await fetchEvents(id, win.start, win.end, signal);
      replace(eventsBox, h('h2', {}, 'Events'), eventsView(list));
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(eventsBox, h('h2', {}, 'Events'), notice(`Could not load events: ${e.message}`, 'error'));
    }
    await loadPanels(charts, id, win, oomMarkers(list), signal);
    const every = live ? liveInterval(rangeKey) : 0;
    if (every && !signal.aborted) timer = setTimeout(load, every * 1000);
  }
  load();

  return () => {
    clearTimeout(timer);
    controller.abort();
    pageController.abort();
    destroyCharts(main);
  };
}

/** Shows the container's name and image; resolves whether the store knows the container. */
async function loadIdentity(id, heading, sub, signal) {
  try {
    const [info] = vector(await instant(`container_info{id=${quote(id)}}`, undefined, signal));
    if (!info) return false;
    const m = info.metric;
    heading.textContent = displayName({ id, name: m.name, image: m.image });
    document.title = `${heading.textContent} · Hindsight`;
    replace(sub, m.image ? h('span', { class: 'badge' }, m.image) : null, m.image ? '  ' : '', id);
    return true;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    sub.append(` (${e.message})`);
    return true;
  }
}
