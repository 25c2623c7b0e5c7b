import { html } from '../lib/lit-html/lit-html.js';

const UNITS = [['day', 86400], ['h', 3600], ['min', 60], ['s', 1]];

/** "3 min ago", "2 h ago", "5 days ago". */
export function ago(instant, now = Date.now()) {
  if (!instant) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(instant).getTime()) / 1000));
  if (seconds < 10) return 'just now';
  for (const [unit, size] of UNITS) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      return `${count} ${unit}${unit === 'day' && count > 1 ? 's' : ''} ago`;
    }
  }
  return 'just now';
}

export function when(instant) {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—';
}

export const STATUSES = ['Connected', 'Connecting', 'Offline', 'Expired'];

/** A connectivity badge: colour and text, so it reads without colour too. */
export function badge(status) {
  const known = STATUSES.includes(status) ? status : 'Unknown';
  return html`<span class="badge status-${known}" data-status=${known}>${status || 'Unknown'}</span>`;
}

export function value(v) {
  return v === undefined || v === null || v === '' ? '—' : v;
}

export function errorBox(error) {
  if (!error) return '';
  return html`<div class="error" role="alert" data-error-code=${error.code || ''}>
    <code>${error.code || 'Error'}</code>${error.status ? html` (HTTP ${error.status})` : ''}: ${error.message}</div>`;
}
