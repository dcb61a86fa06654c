// Calls to Hindsight's HTTP APIs (Prometheus HTTP API and the cAdvisor REST subset).

/** An answer with status "error", or an HTTP failure. type is Prometheus's errorType. */
export class ApiError extends Error {
  constructor(message, type, status) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }
}

const RETRY_DELAY_MS = 300;

/** fetch, tried once more when the network failed (not when the server answered). */
async function fetchOnceMore(url, options) {
  try {
    return await fetch(url, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    await new Promise((resolve) => { setTimeout(resolve, RETRY_DELAY_MS); });
    return fetch(url, options);
  }
}

async function getJson(url, signal) {
  const response = await fetchOnceMore(url, { headers: { Accept: 'application/json' }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new ApiError(`${response.status} ${response.statusText}: not JSON`, 'http', response.status);
  }
  if (!response.ok || (body && body.status === 'error')) {
    const message = (body && (body.error || body.message)) || `${response.status} ${response.statusText}`;
    throw new ApiError(message, (body && body.errorType) || 'http', response.status);
  }
  return body;
}

/** A label value inside a PromQL string literal. */
export function quote(value) {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Instant query at time (epoch seconds, default now): {resultType, result}. */
export async function instant(query, time, signal) {
  const p = new URLSearchParams({ query });
  if (time !== undefined) p.set('time', String(time));
  return (await getJson(`/api/v1/query?${p}`, signal)).data;
}

/** Range query over [start, end] every step seconds: {resultType: "matrix", result}. */
export async function range(query, start, end, step, signal) {
  const p = new URLSearchParams({ query, start: String(start), end: String(end), step: String(step) });
  return (await getJson(`/api/v1/query_range?${p}`, signal)).data;
}

/** cAdvisor v1.3 MachineInfo. */
export function machine(signal) {
  return getJson('/api/v1.3/machine', signal);
}

function containerPath(id) {
  return id.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

/** cAdvisor v2.0 ContainerSpec of one cgroup path, or null when it has none. */
export async function spec(id, signal) {
  const body = await getJson(`/api/v2.0/spec/${containerPath(id)}`, signal);
  const specs = Object.values(body || {});
  return specs.length ? specs[0] : null;
}

/** cAdvisor events of one container between two epoch-second times, oldest first. */
export async function events(id, start, end, signal) {
  const p = new URLSearchParams({
    all_events: 'true',
    start_time: new Date(start * 1000).toISOString(),
    end_time: new Date(end * 1000).toISOString(),
    max_events: '500',
  });
  const body = await getJson(`/api/v2.0/events/${containerPath(id)}?${p}`, signal);
  const list = Array.isArray(body) ? body : [];
  return list.map((e) => ({ ...e, time: Date.parse(e.timestamp) / 1000 }))
    .filter((e) => Number.isFinite(e.time))
    .sort((a, b) => a.time - b.time);
}

/** Instant vector as [{metric, value}] with value a number. */
export function vector(data) {
  if (!data || data.resultType !== 'vector') return [];
  return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
