import { html } from '../../lib/lit-html/lit-html.js';
import { enc, page } from '../api.js';
import { ago, badge, errorBox, STATUSES, value } from '../format.js';
import { pager } from '../pager.js';

const PAGE_SIZE = 50;

/**
 * The connected clusters of a resource group from the inventory API: name-prefix search and status filter are
 * the API's own, so each page is exact however many clusters there are.
 */
export default function clusters(view, subscriptionId, group) {
  const filter = { namePrefix: '', connectivityStatus: '' };
  const list = pager(link => page(link || '/inventory/v1/clusters', {
    query: link ? {} : { subscriptionId, resourceGroup: group, namePrefix: filter.namePrefix,
      connectivityStatus: filter.connectivityStatus, $top: PAGE_SIZE },
  }), () => view.update());
  const search = event => {
    event.preventDefault();
    const form = new FormData(event.target);
    filter.namePrefix = form.get('namePrefix').trim();
    filter.connectivityStatus = form.get('connectivityStatus');
    list.first();
  };
  const groupLink = `#/subscriptions/${enc(subscriptionId)}/resourceGroups/${enc(group)}`;
  view.render(() => html`
    <nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="#/">Subscriptions</a></li>
      <li><a href="#/subscriptions/${enc(subscriptionId)}">${subscriptionId}</a></li><li>${group}</li></ol></nav>
    <h1>Connected clusters in ${group}</h1>
    <form class="toolbar" role="search" @submit=${search}>
      <label>Name starts with <input name="namePrefix" type="search" .value=${filter.namePrefix}></label>
      <label>Connectivity <select name="connectivityStatus">
        <option value="">Any</option>
        ${STATUSES.map(s => html`<option ?selected=${filter.connectivityStatus === s}>${s}</option>`)}
      </select></label>
      <button type="submit">Search</button>
      <a href="#/connect?subscription=${enc(subscriptionId)}&resourceGroup=${enc(group)}">Connect a cluster</a>
    </form>
    ${errorBox(list.state.error)}
    <table data-test="clusters">
      <caption class="visually-hidden">Connected clusters</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Connectivity</th><th scope="col">Region</th>
        <th scope="col">Kubernetes</th><th scope="col">Agent</th><th scope="col" class="num">Nodes</th>
        <th scope="col">Distribution</th></tr></thead>
      <tbody>${list.state.items.map(c => html`<tr>
        <td><a href="${groupLink}/clusters/${enc(c.name)}">${c.name}</a></td>
        <td>${badge(c.connectivityStatus)} <span class="muted">${ago(c.lastConnectivityTime)}</span></td>
        <td>${c.location}</td><td>${value(c.kubernetesVersion)}</td><td>${value(c.agentVersion)}</td>
        <td class="num">${value(c.totalNodeCount)}</td><td>${value(c.distribution)}</td></tr>`)}</tbody>
    </table>
    ${!list.state.loading && list.state.items.length === 0 ? html`<p class="muted">No clusters match.</p>` : ''}
    ${list.controls('Cluster')}`);
  list.first();
}
