import { html } from '../lib/lit-html/lit-html.js';

/**
 * Page-by-page browsing of an API list: load(link) fetches the first page (link null) or the page at the API's
 * nextLink. Keeps the links already visited so that "Previous" goes back without a new kind of query.
 */
export function pager(load, update) {
  const state = { items: [], next: null, visited: [], current: null, loading: false, error: null };

  async function show(link) {
    state.loading = true;
    state.error = null;
    update();
    try {
      const result = await load(link);
      state.items = result.items;
      state.next = result.next;
      state.current = link;
    } catch (error) {
      state.error = error;
      state.items = [];
      state.next = null;
    }
    state.loading = false;
    update();
  }

  return {
    state,
    first() {
      state.visited = [];
      return show(null);
    },
    next() {
      state.visited.push(state.current);
      return show(state.next);
    },
    previous() {
      return show(state.visited.pop() ?? null);
    },
    controls(label) {
      return html`<nav class="pager" aria-label="${label} pages">
        <button class="secondary" ?disabled=${state.loading || state.visited.length === 0}
          @click=${() => this.previous()}>Previous page</button>
        <span class="muted">Page ${state.visited.length + 1}${state.loading ? ' (loading…)' : ''}</span>
        <button class="secondary" data-test="next-page" ?disabled=${state.loading || !state.next}
          @click=${() => this.next()}>Next page</button>
      </nav>`;
    },
  };
}
