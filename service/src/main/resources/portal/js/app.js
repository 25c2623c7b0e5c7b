import { html, render } from '../lib/lit-html/lit-html.js';
import { claims, completeOidcSignIn, currentToken, forget, signInLocally, signInWithOidc, signOut } from './auth.js';
import { whenUnauthenticated } from './api.js';
import { errorBox } from './format.js';
import subscriptions from './views/subscriptions.js';
import resourceGroups from './views/resource-groups.js';
import clusters from './views/clusters.js';
import cluster from './views/cluster.js';
import connect from './views/connect.js';
import fleet from './views/fleet.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const announcer = document.getElementById('announcer');

const ROUTES = [
  { pattern: /^\/?$/, title: 'Subscriptions', nav: '#/', show: (v) => subscriptions(v) },
  { pattern: /^\/subscriptions\/([^/]+)$/, title: 'Resource groups', nav: '#/', show: (v, [s]) => resourceGroups(v, s) },
  { pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/, title: 'Clusters', nav: '#/', show: (v, [s, g]) => clusters(v, s, g) },
  { pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/clusters\/([^/]+)$/, title: 'Cluster', nav: '#/',
    show: (v, [s, g, n], q) => cluster(v, s, g, n, q) },
  { pattern: /^\/connect$/, title: 'Connect a cluster', nav: '#/connect', show: (v, _, q) => connect(v, q) },
  { pattern: /^\/fleet$/, title: 'Fleet overview', nav: '#/fleet', show: (v) => fleet(v) },
];

let config;
let generation = 0;
let signInError = null;

/** What a view gets: rendering into main, timers that stop when the user navigates away, the user's claims. */
function viewContext(myGeneration) {
  const timers = [];
  const alive = () => myGeneration === generation;
  let template = () => '';
  const context = {
    root: main, config, claims: claims(currentToken()), alive,
    render(fn) { template = fn; context.update(); },
    update() { if (alive()) render(template(), main); },
    every(ms, fn) { const id = setInterval(() => (alive() ? fn() : clearInterval(id)), ms); timers.push(id); },
    announce(text) { announcer.textContent = text; },
  };
  return context;
}

function header(route) {
  const token = currentToken();
  const who = token ? claims(token) : null;
  render(html`
    <a class="brand" href="#/">Mooring</a>
    ${who ? html`<nav aria-label="Main"><ul>
      ${[['#/', 'Subscriptions'], ['#/connect', 'Connect a cluster'], ['#/fleet', 'Fleet overview']].map(([href, label]) =>
        html`<li><a href=${href} aria-current=${route?.nav === href ? 'page' : 'false'}>${label}</a></li>`)}
    </ul></nav>
    <div class="who"><span data-test="user">${who.name || who.upn || who.appid || who.oid}</span>
      <button class="link" data-test="sign-out" @click=${() => signOut(config).then(route_)}>Sign out</button></div>` : ''}`, top);
}

function signInPage() {
  header(null);
  document.title = 'Sign in · Mooring portal';
  const local = async () => {
    try {
      await signInLocally(config);
      signInError = null;
      route_();
    } catch (error) {
      signInError = { code: 'SignInFailed', message: error.message };
      signInPage();
    }
  };
  const oidc = () => signInWithOidc(config).catch(error => { signInError = { code: 'SignInFailed', message: error.message }; signInPage(); });
  render(html`<section class="signin">
    <h1>Sign in to Mooring</h1>
    ${config.localMode ? html`<p>Local mode: sign in as the seeded local user, owner of the local subscription.</p>
      <p><button data-test="sign-in-local" @click=${local}>Sign in as the local user</button></p>` : ''}
    ${config.oidc ? html`<p><button data-test="sign-in-oidc" @click=${oidc}>Sign in with ${new URL(config.oidc.authority).host}</button></p>` : ''}
    ${!config.localMode && !config.oidc ? html`<p class="error">No sign-in is configured: set <code>mooring.portal.oidc-authority</code>
      and <code>mooring.portal.oidc-client-id</code>.</p>` : ''}
    ${errorBox(signInError)}
  </section>`, main);
}

function route_() {
  generation++;
  if (!currentToken()) {
    signInPage();
    return;
  }
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const route = ROUTES.find(r => r.pattern.test(path || '/'));
  header(route);
  if (!route) {
    render(html`<h1>Not found</h1><p>There is no page at this address. <a href="#/">Subscriptions</a></p>`, main);
    return;
  }
  const params = (path || '/').match(route.pattern).slice(1).map(decodeURIComponent);
  document.title = `${route.title} · Mooring portal`;
  render(html``, main);
  route.show(viewContext(generation), params, new URLSearchParams(search || ''));
  main.focus({ preventScroll: true });
}

async function start() {
  main.textContent = '';
  config = await (await fetch('config.json')).json();
  try {
    await completeOidcSignIn(config);
  } catch (error) {
    signInError = { code: 'SignInFailed', message: error.message };
  }
  whenUnauthenticated(() => {
    forget();
    signInError = { code: 'AuthenticationFailed', message: 'Your session has ended: sign in again.' };
    setTimeout(route_, 0);
  });
  window.addEventListener('hashchange', route_);
  // The skip link must not change the address: the part after # is the page being shown.
  document.querySelector('.skip').addEventListener('click', event => { event.preventDefault(); main.focus(); });
  route_();
}

start();
