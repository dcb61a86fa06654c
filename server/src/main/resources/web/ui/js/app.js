// Entry point: renders the page of the current #/route into <main> and wires the theme toggle.
import * as container from './pages/container.js';
import * as containers from './pages/containers.js';
import * as machine from './pages/machine.js';
import * as query from './pages/query.js';
import { h, replace } from './dom.js';
import { current } from './nav.js';

const ROUTES = { '': containers, containers, container, machine, query };
const main = document.getElementById('main');
let unmount = null;

function render() {
  if (unmount) {
    unmount();
    unmount = null;
  }
  const { route, params } = current();
  const page = ROUTES[route];
  replace(main);
  for (const a of document.querySelectorAll('.nav a')) {
    const active = a.dataset.route === (page === containers ? 'containers' : route)
      || (route === 'container' && a.dataset.route === 'containers');
    a.classList.toggle('active', active);
  }
  if (!page) {
    main.append(h('div', { class: 'notice error' }, `No page "${route}". `, h('a', { href: '#/' }, 'Go to the containers')));
    return;
  }
  document.title = `${page.title(params)} · Hindsight`;
  main.dataset.page = route || 'containers';
  unmount = page.mount(main, params) || null;
}

function effectiveTheme() {
  const set = document.documentElement.dataset.theme;
  if (set) return set;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

document.getElementById('theme-toggle').addEventListener('click', () => {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try { localStorage.setItem('hindsight.theme', next); } catch (e) { /* private mode: not remembered */ }
  render(); // charts read their colours when drawn
});

window.addEventListener('hashchange', render);
render();
