// The portal's only way to Mooring: the public API with the user's bearer token, as the SDKs call it.
import { currentToken } from './auth.js';

export const VERSIONS = {
  subscriptions: '2022-12-01',
  resources: '2021-04-01',
  clusters: '2024-01-01',
  configurations: '2023-05-01',
  authorization: '2022-04-01',
};

/** An API refusal with ARM's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthenticated = () => {};
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

function url(path, apiVersion, query) {
  const target = new URL(path, location.origin);
  if (apiVersion && !target.searchParams.has('api-version')) target.searchParams.set('api-version', apiVersion);
  for (const [name, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of [].concat(value)) target.searchParams.append(name, one);
  }
  if (target.origin !== location.origin) throw new ApiError(0, 'ForeignLink', `Refusing to send the token to ${target.origin}`);
  return target;
}

/** One call; resolves to {status, headers, body} or rejects with an ApiError. */
export async function call(method, path, { apiVersion, query, body, accept } = {}) {
  const token = currentToken();
  if (!token) {
    onUnauthenticated();
    throw new ApiError(401, 'AuthenticationFailed', 'Sign in first.');
  }
  const headers = { Authorization: 'Bearer ' + token.accessToken, Accept: accept || 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, apiVersion, query), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NetworkError', 'Mooring could not be reached: ' + e.message);
  }
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('Content-Type') || '').includes('json') && text) {
    parsed = JSON.parse(text);
  }
  if (!response.ok) {
    const error = (parsed && parsed.error) || {};
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(response.status, error.code || 'HttpError' + response.status,
      error.message || `The request failed with HTTP ${response.status}.`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const get = (path, options) => call('GET', path, options).then(r => r.body);

/**
 * One page of a list: {items, next} where next is the API's nextLink (followed as given, never more than
 * one page per click).
 */
export async function page(path, options) {
  const body = await get(path, options);
  return { items: body.value || [], next: body.nextLink || null };
}

/** Follows an asynchronous operation until it ends, reporting each status read to onProgress. */
export async function followOperation(response, onProgress) {
  const statusUrl = response.headers.get('Azure-AsyncOperation');
  if (!statusUrl) return { status: 'Succeeded' };
  const started = Date.now();
  let wait = retryAfter(response);
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, wait));
    const polled = await call('GET', statusUrl);
    const operation = polled.body;
    onProgress({ status: operation.status, percentComplete: operation.percentComplete, elapsed: Date.now() - started });
    if (['Succeeded', 'Failed', 'Canceled'].includes(operation.status)) {
      if (operation.status !== 'Succeeded' && operation.error) {
        throw new ApiError(200, operation.error.code, operation.error.message);
      }
      return operation;
    }
    wait = retryAfter(polled);
  }
}

function retryAfter(response) {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : 2000;
}

/** Fetches text (CSV) and hands it to the browser as a download. */
export async function download(path, { query, accept, filename, transform }) {
  const response = await call('GET', path, { query, accept });
  save(transform ? transform(response.body) : response.body, filename, accept);
  return response;
}

export function save(text, filename, type) {
  const blob = new Blob([text], { type: type || 'text/plain' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Kubernetes/connectedClusters/{name}" */
export function clusterPath(subscription, group, name) {
  return `/subscriptions/${enc(subscription)}/resourceGroups/${enc(group)}/providers/Microsoft.Kubernetes/connectedClusters/${enc(name)}`;
}

export const enc = encodeURIComponent;
