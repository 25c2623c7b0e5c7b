import { html } from '../../lib/lit-html/lit-html.js';
import { page, VERSIONS } from '../api.js';
import { errorBox } from '../format.js';
import { pager } from '../pager.js';

/** The subscriptions the user can see, a page at a time; the name filter narrows the page shown. */
export default function subscriptions(view) {
  let search = '';
  const list = pager(link => page(link || '/subscriptions', { apiVersion: VERSIONS.subscriptions }), () => view.update());
  view.render(() => {
    const shown = list.state.items.filter(s => s.displayName.toLowerCase().includes(search.toLowerCase()));
    return html`
      <h1>Subscriptions</h1>
      <div class="toolbar" role="search">
        <label>Filter by name <input type="search" .value=${search}
          @input=${e => { search = e.target.value; view.update(); }}></label>
      </div>
      ${errorBox(list.state.error)}
      <table>
        <caption class="visually-hidden">Subscriptions</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Subscription id</th><th scope="col">State</th></tr></thead>
        <tbody>${shown.map(s => html`<tr>
          <td><a href="#/subscriptions/${s.subscriptionId}">${s.displayName}</a></td>
          <td><code>${s.subscriptionId}</code></td><td>${s.state}</td></tr>`)}</tbody>
      </table>
      ${!list.state.loading && shown.length === 0 ? html`<p class="muted">No subscriptions to show.</p>` : ''}
      ${list.controls('Subscription')}`;
  });
  list.first();
}
