// Hash routes: #/<route>?<params>. Pages keep their state (range, sort, query) in the params.

/** The current route and its params. */
export function current() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  return {
    route: q < 0 ? raw : raw.slice(0, q),
    params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

/** The href of a route with params (an object or URLSearchParams); empty values are left out. */
export function href(route, params = {}) {
  const p = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [k, v] of entries) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const qs = p.toString();
  return `#/${route}${qs ? `?${qs}` : ''}`;
}

/** Link to a container's page. */
export function containerHref(id) {
  return href('container', { id });
}

/** Rewrites the current params in the address bar without rendering the page again. */
export function replaceParams(params) {
  history.replaceState(null, '', href(current().route, params));
}
