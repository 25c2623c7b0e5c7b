// Sign-in. The access token lives in this tab's sessionStorage only: never in a cookie, never in a URL.
// Local mode: one click mints a token for the seeded user at the development issuer (loopback only).
// Production: OpenID Connect authorization code with PKCE, done entirely in the browser.

const TOKEN = 'mooring.portal.token';
const PENDING = 'mooring.portal.oidc';

export function currentToken() {
  const stored = sessionStorage.getItem(TOKEN);
  if (!stored) return null;
  const token = JSON.parse(stored);
  if (token.expiresOn && token.expiresOn * 1000 < Date.now()) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return token;
}

/** The token's claims, for display only (the API decides what the user may do). */
export function claims(token) {
  const payload = token.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

/** Drops the token (the API refused it: expired or revoked). */
export function forget() {
  sessionStorage.removeItem(TOKEN);
}

function keep(accessToken, expiresOn) {
  sessionStorage.setItem(TOKEN, JSON.stringify({ accessToken, expiresOn }));
}

export async function signInLocally(config) {
  const response = await fetch(config.localTokenPath, { method: 'POST', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = body.error || {};
    throw new Error(`${error.code || 'HTTP ' + response.status}: ${error.message || 'the development issuer refused'}`);
  }
  keep(body.access_token, body.expires_on);
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discovery(oidc) {
  const response = await fetch(oidc.authority.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(`OpenID discovery failed (HTTP ${response.status})`);
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

export async function signInWithOidc(config) {
  const metadata = await discovery(config.oidc);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.oidc.clientId, redirect_uri: redirectUri(), scope: config.oidc.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Completes a sign-in when the provider sent the browser back with ?code=…&state=…; true if it did. */
export async function completeOidcSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!config.oidc || !(params.has('code') || params.has('error'))) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending?.returnTo || ''));
  if (params.has('error')) throw new Error(`${params.get('error')}: ${params.get('error_description') || 'sign-in failed'}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match this tab; sign in again.');
  const metadata = await discovery(config.oidc);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: config.oidc.clientId, code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${body.error || 'HTTP ' + response.status}: ${body.error_description || 'token request failed'}`);
  keep(body.access_token, Math.floor(Date.now() / 1000) + (body.expires_in || 3600));
  return true;
}

export async function signOut(config) {
  sessionStorage.removeItem(TOKEN);
  if (config.oidc) {
    const metadata = await discovery(config.oidc).catch(() => null);
    if (metadata?.end_session_endpoint) {
      const url = new URL(metadata.end_session_endpoint);
      url.searchParams.set('post_logout_redirect_uri', redirectUri());
      url.searchParams.set('client_id', config.oidc.clientId);
      location.assign(url.toString());
      return;
    }
  }
  location.hash = '#/';
}
