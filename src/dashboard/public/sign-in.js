// Sign-in: a manager's Bearer token, or in development (when the server trusts the header) a
// user's handle with the manager role. Either is checked against the API before it is kept.
import { useState } from 'preact/hooks';
import { gql, saveCredentials } from './api.js';
import { html } from './html.js';

const DEV = document.body.dataset.devHeaders === 'true';
const WHO = '{ viewer { handle displayName } models { kind } }';

export function SignIn({ onSignedIn }) {
  const [mode, setMode] = useState(DEV ? 'dev' : 'token');
  const [value, setValue] = useState(DEV ? document.body.dataset.demoHandle : '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    const c = mode === 'token' ? { kind: 'token', token: value.trim() } : { kind: 'dev', handle: value.trim() };
    setBusy(true);
    setError(null);
    try {
      const data = await gql(WHO, {}, c);
      if (!data.viewer) throw new Error('that sign-in names no user');
      saveCredentials(c);
      onSignedIn(data.viewer);
    } catch (err) {
      setError(err.code === 'FORBIDDEN' ? 'This account is not a manager.' : err.message);
    } finally {
      setBusy(false);
    }
  }

  return html`<main class="sign-in">
    <h1>Community dashboard</h1>
    <p>Opinion leaders, communities and their forecasts, and what the models recommend. For managers.</p>
    <form onSubmit=${submit}>
      ${DEV &&
      html`<fieldset>
        <legend>Sign in with</legend>
        <label><input type="radio" name="mode" checked=${mode === 'dev'} onChange=${() => (setMode('dev'), setValue(document.body.dataset.demoHandle))} /> a user's handle (development)</label>
        <label><input type="radio" name="mode" checked=${mode === 'token'} onChange=${() => (setMode('token'), setValue(''))} /> a Bearer token</label>
      </fieldset>`}
      <label for="credential">${mode === 'token' ? 'Manager token (from npm run token -- --role manager)' : 'Handle, signed in with the manager role'}</label>
      <input id="credential" name="credential" type=${mode === 'token' ? 'password' : 'text'} autocomplete="off" required value=${value} onInput=${(e) => setValue(e.target.value)} />
      <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
      ${error && html`<p class="error" role="alert">${error}</p>`}
    </form>
  </main>`;
}
