// Tiny DOM helpers: build elements without innerHTML, so no value is ever parsed as markup.

/**
 * Creates an element. attrs: "class", "dataset" (object), "on<event>" (function),
 * boolean attributes, everything else set as an attribute. Children: nodes, strings, arrays.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A message box; kind is "" or "error". */
export function notice(text, kind = '') {
  return h('div', { class: kind ? `notice ${kind}` : 'notice', role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function keyValues(pairs) {
  const dl = h('dl', { class: 'kv' });
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === '') continue;
    dl.append(h('dt', {}, k), h('dd', {}, v));
  }
  return dl;
}
