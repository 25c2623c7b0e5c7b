import { html } from '../../lib/lit-html/lit-html.js';
import { download, enc, get, page } from '../api.js';
import { ago, badge, errorBox, STATUSES, value } from '../format.js';
import { agentVersions, statusByRegion } from '../charts.js';
import { pager } from '../pager.js';

const OFFLINE_FOR = [['PT1H', '1 hour'], ['PT6H', '6 hours'], ['P1D', '1 day'], ['P7D', '7 days'], ['P30D', '30 days']];
const INVENTORY = '/inventory/v1';
const PAGE_SIZE = 50;

/**
 * The fleet as the inventory API counts it for this user (a platform administrator: every cluster): status ×
 * region, agent versions with the outdated ones marked, and the clusters offline for longer than a chosen time,
 * page by page, with CSV export of the page shown. Only summaries and single pages are ever asked for.
 */
export default function fleet(view) {
  const s = { region: '', offlineFor: 'P1D', summary: null, versions: [], error: null };
  const filters = () => ({ location: s.region || undefined });
  const offline = pager(link => page(link || INVENTORY + '/clusters', {
    query: link ? {} : { ...filters(), connectivityStatus: 'Offline', lastConnectivityTimeBefore: s.offlineFor,
      orderBy: 'lastConnectivityTime', $top: PAGE_SIZE },
  }), () => view.update());

  async function load() {
    s.error = null;
    try {
      const [byRegion, byVersion, outdated] = await Promise.all([
        get(INVENTORY + '/summary', { query: { ...filters(), groupBy: 'connectivityStatus,location' } }),
        get(INVENTORY + '/summary', { query: { ...filters(), groupBy: 'agentVersion' } }),
        get(INVENTORY + '/summary', { query: { ...filters(), groupBy: 'agentVersion', agentVersion: 'outdated' } }),
      ]);
      s.summary = byRegion;
      const old = new Set(outdated.groups.map(g => g.keys.agentVersion));
      s.versions = byVersion.groups.map(g => ({ version: g.keys.agentVersion ?? 'not reported', clusters: g.clusters,
        outdated: old.has(g.keys.agentVersion) }));
      if (!s.regions) s.regions = [...new Set(byRegion.groups.map(g => g.keys.location))].sort();
    } catch (error) {
      s.error = error;
    }
    view.update();
    const { regions, counts } = table();
    statusByRegion(view.root.querySelector('#status-chart'), regions, counts);
    agentVersions(view.root.querySelector('#versions-chart'), s.versions);
  }

  function table() {
    const counts = {};
    for (const g of s.summary?.groups || []) {
      (counts[g.keys.location] ||= {})[g.keys.connectivityStatus] = g.clusters;
    }
    return { regions: Object.keys(counts).sort(), counts };
  }

  function exportCsv() {
    const link = offline.state.current;
    const query = link ? { format: 'csv' } : { ...filters(), connectivityStatus: 'Offline',
      lastConnectivityTimeBefore: s.offlineFor, orderBy: 'lastConnectivityTime', $top: PAGE_SIZE, format: 'csv' };
    return download(link || INVENTORY + '/clusters', { query, accept: 'text/csv', filename: 'offline-clusters.csv' })
      .then(() => view.announce('CSV downloaded.'), error => { offline.state.error = error; view.update(); });
  }

  view.render(() => {
    const { regions, counts } = table();
    const totals = s.summary?.totals;
    return html`
      <h1>Fleet overview</h1>
      <form class="toolbar" @submit=${e => e.preventDefault()}>
        <label>Region <select @change=${e => { s.region = e.target.value; load(); offline.first(); }}>
          <option value="">All regions</option>
          ${(s.regions || []).map(r => html`<option ?selected=${r === s.region}>${r}</option>`)}</select></label>
      </form>
      ${errorBox(s.error)}
      ${totals ? html`<p data-test="totals"><strong>${totals.clusters}</strong> clusters ·
        <strong>${totals.nodes}</strong> nodes · <strong>${totals.cores}</strong> cores
        <span class="muted">(as of ${new Date(s.summary.asOf).toLocaleTimeString()})</span></p>` : ''}
      <div class="charts">
        <section aria-labelledby="by-region"><h2 id="by-region">Connectivity by region</h2>
          <div class="chart-box"><canvas id="status-chart" role="img"
            aria-label="Clusters per region by connectivity status; the table below has the numbers"></canvas></div></section>
        <section aria-labelledby="by-version"><h2 id="by-version">Agent versions</h2>
          <div class="chart-box"><canvas id="versions-chart" role="img"
            aria-label="Clusters per agent version, outdated ones in red; the table below has the numbers"></canvas></div></section>
      </div>
      <table data-test="status-by-region"><caption>Clusters by region and connectivity status</caption>
        <thead><tr><th scope="col">Region</th>${STATUSES.map(st => html`<th scope="col" class="num">${st}</th>`)}</tr></thead>
        <tbody>${regions.map(r => html`<tr data-region=${r}><th scope="row">${r}</th>
          ${STATUSES.map(st => html`<td class="num" data-status=${st}>${counts[r][st] || 0}</td>`)}</tr>`)}</tbody>
      </table>
      <table data-test="agent-versions"><caption>Agent versions</caption>
        <thead><tr><th scope="col">Version</th><th scope="col" class="num">Clusters</th><th scope="col">Support</th></tr></thead>
        <tbody>${s.versions.map(v => html`<tr class=${v.outdated ? 'outdated' : ''} data-version=${v.version}>
          <td>${v.version}</td><td class="num">${v.clusters}</td>
          <td>${v.outdated ? html`<span class="outdated-label">Outdated</span>` : 'Supported'}</td></tr>`)}</tbody>
      </table>
      <h2 id="offline">Offline for longer than</h2>
      <div class="toolbar">
        <label>Offline for more than <select data-test="offline-for" @change=${e => { s.offlineFor = e.target.value; offline.first(); }}>
          ${OFFLINE_FOR.map(([v, label]) => html`<option value=${v} ?selected=${v === s.offlineFor}>${label}</option>`)}</select></label>
        <button class="secondary" data-test="export-csv" @click=${exportCsv}>Export this page as CSV</button>
      </div>
      ${errorBox(offline.state.error)}
      <table data-test="offline-clusters" aria-labelledby="offline">
        <thead><tr><th scope="col">Cluster</th><th scope="col">Resource group</th><th scope="col">Region</th>
          <th scope="col">Connectivity</th><th scope="col">Last heard from</th><th scope="col">Agent</th></tr></thead>
        <tbody>${offline.state.items.map(c => html`<tr>
          <td><a href="#/subscriptions/${enc(c.subscriptionId)}/resourceGroups/${enc(c.resourceGroup)}/clusters/${enc(c.name)}">${c.name}</a></td>
          <td>${c.resourceGroup}</td><td>${c.location}</td><td>${badge(c.connectivityStatus)}</td>
          <td>${ago(c.lastConnectivityTime)}</td><td>${value(c.agentVersion)}</td></tr>`)}</tbody>
      </table>
      ${!offline.state.loading && offline.state.items.length === 0 ? html`<p class="muted">No cluster has been offline that long.</p>` : ''}
      ${offline.controls('Offline cluster')}`;
  });
  load();
  offline.first();
}
