import { html } from '../../lib/lit-html/lit-html.js';
import { call, clusterPath, enc, followOperation, get, save, VERSIONS } from '../api.js';
import { ago, badge, errorBox, value, when } from '../format.js';
import { rightsAt } from '../rights.js';
import { timeline } from '../charts.js';

const REFRESH_MS = 3000;
const TIMELINE_PAGE = 100;
const ACTIONS = {
  write: 'Microsoft.Kubernetes/connectedClusters/write',
  delete: 'Microsoft.Kubernetes/connectedClusters/delete',
  credential: 'Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action',
};

/**
 * One cluster: what ARM GET says (refreshed every few seconds, so a cluster being onboarded is seen turning
 * Connected), its GitOps configurations, its inventory timeline, and the actions the user's roles allow.
 * `?action=delete` opens the delete form directly, whatever the roles say: the API has the last word.
 */
export default function cluster(view, subscriptionId, group, name, query) {
  const path = clusterPath(subscriptionId, group, name);
  const s = {
    cluster: null, error: null, configurations: [], configurationsError: null, events: [], timelineError: null,
    may: () => false, editing: null, tagsError: null, tagsSaved: false,
    deleting: query.get('action') === 'delete' ? 'confirm' : null, progress: null, deleteError: null,
    credentialError: null, authenticationMethod: 'AAD', rightsLoaded: false,
  };

  async function refresh() {
    try {
      s.cluster = await get(path, { apiVersion: VERSIONS.clusters });
      s.error = null;
    } catch (error) {
      s.error = error;
    }
    view.update();
  }

  async function loadConfigurations() {
    try {
      const body = await get(path + '/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations',
        { apiVersion: VERSIONS.configurations });
      s.configurations = body.value || [];
    } catch (error) {
      s.configurationsError = error;
    }
    view.update();
  }

  async function loadTimeline() {
    try {
      const body = await get(`/inventory/v1/clusters/${enc(subscriptionId)}/${enc(group)}/${enc(name)}/timeline`,
        { query: { $top: TIMELINE_PAGE } });
      s.events = body.value || [];
      s.timelineError = null;
    } catch (error) {
      s.timelineError = error;
    }
    view.update();
    timeline(view.root.querySelector('#timeline-chart'), s.events, s.cluster?.systemData?.createdAt);
  }

  async function saveTags(event) {
    event.preventDefault();
    const tags = {};
    for (const row of s.editing) if (row.name.trim()) tags[row.name.trim()] = row.value;
    s.tagsError = null;
    try {
      s.cluster = (await call('PATCH', path, { apiVersion: VERSIONS.clusters, body: { tags } })).body;
      s.editing = null;
      s.tagsSaved = true;
      view.announce('Tags saved.');
    } catch (error) {
      s.tagsError = error;
    }
    view.update();
  }

  async function remove(event) {
    event.preventDefault();
    s.deleting = 'running';
    s.deleteError = null;
    s.progress = { status: 'Requested', elapsed: 0 };
    view.update();
    try {
      const response = await call('DELETE', path, { apiVersion: VERSIONS.clusters });
      s.progress = { status: response.status === 204 ? 'Succeeded' : 'Accepted', elapsed: 0 };
      view.update();
      await followOperation(response, progress => { s.progress = progress; view.update(); });
      s.deleting = 'done';
      view.announce(`Cluster ${name} deleted.`);
    } catch (error) {
      s.deleting = 'confirm';
      s.deleteError = error;
    }
    view.update();
  }

  async function downloadKubeconfig() {
    s.credentialError = null;
    try {
      const result = (await call('POST', path + '/listClusterUserCredential', {
        apiVersion: VERSIONS.clusters, body: { authenticationMethod: s.authenticationMethod, clientProxy: false },
      })).body;
      const encoded = result.kubeconfigs[0].value;
      save(new TextDecoder().decode(Uint8Array.from(atob(encoded), c => c.charCodeAt(0))), `${name}.kubeconfig`,
        'application/yaml');
      view.announce('Kubeconfig downloaded.');
    } catch (error) {
      s.credentialError = error;
    }
    view.update();
  }

  const tagsSection = c => {
    const tags = Object.entries(c.tags || {});
    if (s.editing) {
      return html`<form @submit=${saveTags} aria-label="Edit tags">
        ${s.editing.map((row, i) => html`<div class="tag-row">
          <label>Name <input data-test="tag-name" .value=${row.name} @input=${e => { row.name = e.target.value; }}></label>
          <label>Value <input data-test="tag-value" .value=${row.value} @input=${e => { row.value = e.target.value; }}></label>
          <button type="button" class="secondary" aria-label="Remove tag ${row.name}"
            @click=${() => { s.editing.splice(i, 1); view.update(); }}>Remove</button></div>`)}
        <p><button type="button" class="secondary" @click=${() => { s.editing.push({ name: '', value: '' }); view.update(); }}>Add a tag</button>
          <button type="submit">Save tags</button>
          <button type="button" class="secondary" @click=${() => { s.editing = null; view.update(); }}>Cancel</button></p>
        ${errorBox(s.tagsError)}
      </form>`;
    }
    return html`
      ${tags.length === 0 ? html`<p class="muted">No tags.</p>` : html`<table data-test="tags">
        <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
        <tbody>${tags.map(([k, v]) => html`<tr><td>${k}</td><td>${v}</td></tr>`)}</tbody></table>`}
      ${s.may(ACTIONS.write) ? html`<button class="secondary" data-test="edit-tags" @click=${() => {
        s.editing = tags.map(([k, v]) => ({ name: k, value: v }));
        if (s.editing.length === 0) s.editing.push({ name: '', value: '' });
        s.tagsSaved = false;
        view.update();
      }}>Edit tags</button>` : ''}`;
  };

  const agentSection = p => {
    const profile = p.arcAgentProfile || {};
    const errors = profile.agentErrors || [];
    const components = profile.systemComponents || [];
    if (errors.length === 0 && components.length === 0) return '';
    return html`<h2>Agent</h2>
      ${components.length ? html`<table><thead><tr><th scope="col">Component</th><th scope="col">Version</th></tr></thead>
        <tbody>${components.map(x => html`<tr><td>${x.type}</td><td>${value(x.userSpecifiedVersion || x.currentVersion)}</td></tr>`)}</tbody></table>` : ''}
      ${errors.length ? html`<table><thead><tr><th scope="col">Component</th><th scope="col">Error</th><th scope="col">Since</th></tr></thead>
        <tbody>${errors.map(x => html`<tr><td>${value(x.component)}</td><td>${x.message}</td><td>${when(x.time)}</td></tr>`)}</tbody></table>` : ''}`;
  };

  const deleteSection = () => {
    if (s.deleting === 'done') {
      return html`<div class="notice" role="status" data-test="deleted">Cluster ${name} was deleted.
        <a href="#/subscriptions/${enc(subscriptionId)}/resourceGroups/${enc(group)}">Back to ${group}</a></div>`;
    }
    if (s.deleting === 'running') {
      const p = s.progress || {};
      return html`<div class="progress" role="status" data-test="delete-progress">
        <progress aria-label="Deleting ${name}" max="100" .value=${p.percentComplete ?? null}></progress>
        <span>Deleting ${name}: ${p.status} (${Math.round((p.elapsed || 0) / 1000)} s)</span></div>`;
    }
    if (s.deleting === 'confirm') {
      return html`<form class="panel" @submit=${remove} aria-label="Delete the cluster">
        <p>Deleting removes the cluster resource and its GitOps configurations; the agent stops being accepted.</p>
        <label>Type the cluster's name to confirm <input data-test="confirm-name" autocomplete="off"
          @input=${e => { s.confirmed = e.target.value === name; view.update(); }}></label>
        <button type="submit" class="danger" data-test="confirm-delete" ?disabled=${!s.confirmed}>Delete ${name}</button>
        <button type="button" class="secondary" @click=${() => { s.deleting = null; view.update(); }}>Cancel</button>
        ${errorBox(s.deleteError)}
      </form>`;
    }
    return '';
  };

  view.render(() => {
    const crumbs = html`<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="#/">Subscriptions</a></li>
      <li><a href="#/subscriptions/${enc(subscriptionId)}">${subscriptionId}</a></li>
      <li><a href="#/subscriptions/${enc(subscriptionId)}/resourceGroups/${enc(group)}">${group}</a></li><li>${name}</li></ol></nav>`;
    const c = s.cluster;
    if (!c) return html`${crumbs}<h1>${name}</h1>${s.error ? errorBox(s.error) : html`<p role="status">Loading…</p>`}`;
    const p = c.properties;
    return html`${crumbs}
      <h1>${c.name} <span data-test="connectivity">${badge(p.connectivityStatus)}</span></h1>
      <p class="muted" data-test="last-seen">Last heard from ${ago(p.lastConnectivityTime)}${p.lastConnectivityTime
        ? html` (${when(p.lastConnectivityTime)})` : ''} · provisioning ${p.provisioningState}</p>
      ${errorBox(s.error)}
      <div class="toolbar" data-test="actions" data-rights=${s.rightsLoaded ? 'loaded' : 'loading'}>
        ${s.may(ACTIONS.credential) ? html`<label>Kubeconfig credential <select @change=${e => { s.authenticationMethod = e.target.value; }}>
          <option value="AAD">My sign-in (short-lived token)</option><option value="Token">Service-account token</option></select></label>
          <button class="secondary" data-test="kubeconfig" @click=${downloadKubeconfig}>Download kubeconfig</button>` : ''}
        ${s.may(ACTIONS.delete) && !s.deleting ? html`<button class="danger" data-test="delete"
          @click=${() => { s.deleting = 'confirm'; view.update(); }}>Delete</button>` : ''}
      </div>
      ${errorBox(s.credentialError)}
      ${deleteSection()}
      <dl class="facts" data-test="facts">
        <dt>Region</dt><dd>${c.location}</dd>
        <dt>Kubernetes version</dt><dd>${value(p.kubernetesVersion)}</dd>
        <dt>Agent version</dt><dd>${value(p.agentVersion)}</dd>
        <dt>Nodes / cores</dt><dd>${value(p.totalNodeCount)} / ${value(p.totalCoreCount)}</dd>
        <dt>Distribution</dt><dd>${value(p.distribution)}${p.distributionVersion ? ' ' + p.distributionVersion : ''}</dd>
        <dt>Infrastructure</dt><dd>${value(p.infrastructure)}</dd>
        <dt>Identity</dt><dd>${c.identity ? html`${c.identity.type}, principal <code>${value(c.identity.principalId)}</code>` : '—'}</dd>
        <dt>Agent certificate expires</dt><dd>${when(p.managedIdentityCertificateExpirationTime)}</dd>
        <dt>Resource id</dt><dd><code>${c.id}</code></dd>
      </dl>
      <h2>Tags</h2>
      ${s.tagsSaved ? html`<p role="status" class="muted">Tags saved.</p>` : ''}
      ${tagsSection(c)}
      ${agentSection(p)}
      <h2>GitOps configurations</h2>
      ${errorBox(s.configurationsError)}
      ${s.configurations.length === 0 ? html`<p class="muted">No configurations.</p>` : html`<table data-test="configurations">
        <thead><tr><th scope="col">Name</th><th scope="col">Repository</th><th scope="col">Compliance</th>
          <th scope="col">Last applied</th><th scope="col">Message</th></tr></thead>
        <tbody>${s.configurations.map(x => html`<tr><td>${x.name}</td><td>${x.properties.repositoryUrl}</td>
          <td>${value(x.properties.complianceStatus?.complianceState)}</td>
          <td>${when(x.properties.complianceStatus?.lastConfigApplied)}</td>
          <td>${value(x.properties.complianceStatus?.message)}</td></tr>`)}</tbody></table>`}
      <h2>Timeline</h2>
      ${errorBox(s.timelineError)}
      <div class="chart-box"><canvas id="timeline-chart" role="img"
        aria-label="Connectivity and metadata changes over time; the table below lists them"></canvas></div>
      <table data-test="timeline"><caption class="visually-hidden">Timeline events, newest first</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Details</th></tr></thead>
        <tbody>${s.events.map(e => html`<tr><td>${when(e.at)}</td><td>${e.kind}</td>
          <td>${e.kind === 'ConnectivityChanged' ? `${e.details.from} → ${e.details.to}`
            : Object.entries(e.details).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => `${k} ${v}`).join(', ')}</td></tr>`)}</tbody>
      </table>`;
  });

  refresh().then(async () => {
    if (!s.cluster) return;
    s.may = await rightsAt(path, subscriptionId, view.claims);
    s.rightsLoaded = true;
    view.update();
    loadConfigurations();
    loadTimeline();
  });
  view.every(REFRESH_MS, () => {
    if (s.deleting === 'running' || s.deleting === 'done' || s.editing) return;
    const before = s.cluster?.properties?.connectivityStatus;
    refresh().then(() => {
      const after = s.cluster?.properties?.connectivityStatus;
      if (before && after && before !== after) {
        view.announce(`Cluster ${name} is now ${after}.`);
        loadTimeline();
      }
    });
  });
}
