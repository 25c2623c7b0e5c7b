import { html } from '../../lib/lit-html/lit-html.js';
import { enc, get, page, VERSIONS } from '../api.js';
import { errorBox } from '../format.js';
import { pager } from '../pager.js';

/** A subscription's resource groups, a page at a time. */
export default function resourceGroups(view, subscriptionId) {
  let search = '';
  let name = subscriptionId;
  const base = `/subscriptions/${enc(subscriptionId)}`;
  get(base, { apiVersion: VERSIONS.subscriptions }).then(s => { name = s.displayName; view.update(); }, () => {});
  const list = pager(link => page(link || base + '/resourcegroups', { apiVersion: VERSIONS.resources }), () => view.update());
  view.render(() => {
    const shown = list.state.items.filter(g => g.name.toLowerCase().includes(search.toLowerCase()));
    return html`
      <nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="#/">Subscriptions</a></li><li>${name}</li></ol></nav>
      <h1>Resource groups in ${name}</h1>
      <div class="toolbar" role="search">
        <label>Filter by name <input type="search" .value=${search}
          @input=${e => { search = e.target.value; view.update(); }}></label>
        <a href="#/connect?subscription=${enc(subscriptionId)}">Connect a cluster</a>
      </div>
      ${errorBox(list.state.error)}
      <table>
        <caption class="visually-hidden">Resource groups</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Region</th><th scope="col">State</th></tr></thead>
        <tbody>${shown.map(g => html`<tr>
          <td><a href="#/subscriptions/${enc(subscriptionId)}/resourceGroups/${enc(g.name)}">${g.name}</a></td>
          <td>${g.location}</td><td>${g.properties?.provisioningState}</td></tr>`)}</tbody>
      </table>
      ${!list.state.loading && shown.length === 0 ? html`<p class="muted">No resource groups to show.</p>` : ''}
      ${list.controls('Resource group')}`;
  });
  list.first();
}
