// Chart.js (the UMD build, loaded by index.html as window.Chart). Every chart keeps a text equivalent beside it
// (a table), so nothing is only in the picture.
import { STATUSES } from './format.js';

const COLOURS = { Connected: '#1a7f37', Connecting: '#9a6700', Offline: '#cf222e', Expired: '#6e7781' };

export function colour(status) {
  return COLOURS[status] || '#0b5cad';
}

/** Creates or replaces the chart on a canvas. */
export function draw(canvas, config) {
  if (!canvas || !window.Chart) return null;
  window.Chart.getChart(canvas)?.destroy();
  return new window.Chart(canvas, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
}

/**
 * Connectivity over time: a stepped line from the cluster's creation through each ConnectivityChanged event,
 * metadata changes as points.
 */
export function timeline(canvas, events, createdAt) {
  const ordered = [...events].sort((a, b) => new Date(a.at) - new Date(b.at));
  const level = status => STATUSES.indexOf(status);
  const changes = ordered.filter(e => e.kind === 'ConnectivityChanged');
  const connectivity = changes.map(e => ({ x: new Date(e.at).getTime(), y: level(e.details.to) }));
  if (changes.length && createdAt) connectivity.unshift({ x: new Date(createdAt).getTime(), y: level(changes[0].details.from) });
  const metadata = ordered.filter(e => e.kind === 'MetadataChanged')
    .map(e => ({ x: new Date(e.at).getTime(), y: -1, label: e.details }));
  return draw(canvas, {
    type: 'line',
    data: { datasets: [
      { label: 'Connectivity', data: connectivity, stepped: true, borderColor: '#0b5cad', pointRadius: 4 },
      { label: 'Metadata changed', data: metadata, showLine: false, pointStyle: 'rectRot', pointRadius: 6, borderColor: '#8250df', backgroundColor: '#8250df' },
    ] },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', ticks: { callback: v => new Date(v).toISOString().slice(5, 19).replace('T', ' ') } },
        y: { min: -1, max: STATUSES.length - 1, ticks: { stepSize: 1, callback: v => v === -1 ? 'metadata' : STATUSES[v] } },
      },
    },
  });
}

/** Bars per region, one stacked series per connectivity status. */
export function statusByRegion(canvas, regions, counts) {
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: regions,
      datasets: STATUSES.map(status => ({
        label: status, backgroundColor: colour(status), data: regions.map(region => counts[region]?.[status] || 0),
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

export function statusTotals(canvas, totals) {
  return draw(canvas, {
    type: 'doughnut',
    data: { labels: STATUSES, datasets: [{ data: STATUSES.map(s => totals[s] || 0), backgroundColor: STATUSES.map(colour) }] },
  });
}

export function agentVersions(canvas, versions) {
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: versions.map(v => v.version),
      datasets: [{ label: 'Clusters', data: versions.map(v => v.clusters),
        backgroundColor: versions.map(v => v.outdated ? '#cf222e' : '#0b5cad') }],
    },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
