// Loads an operation's data for a view: { data, error, loading, reload }; `deps` are the
// arguments that, when they change, load it again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { gql } from './api.js';
import { html } from './html.js';

export function useQuery(load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  // `keep`: a refresh shows the old data until the new arrives; new arguments do not.
  const reload = useCallback((keep = true) => {
    let live = true;
    setState((s) => ({ data: keep ? s.data : null, error: null, loading: true }));
    load(gql)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, error, loading: false }));
    return () => (live = false);
  }, deps);
  useEffect(() => reload(false), [reload]);
  return { ...state, reload };
}

/** What a view shows while its data loads or when loading failed. */
export function Status({ state, what }) {
  if (state.error) return html`<p class="error" role="alert">Could not load ${what}: ${state.error.message}</p>`;
  if (state.loading && !state.data) return html`<p aria-live="polite">Loading ${what}…</p>`;
  return null;
}
