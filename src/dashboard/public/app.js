// The dashboard shell: sign-in, navigation between the four views (by URL hash, so each view
// has a link), and the signed-in manager's name.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { credentials, gql, saveCredentials } from './api.js';
import { CommunitiesView } from './communities.js';
import { html } from './html.js';
import { LeadersView } from './leaders.js';
import { OverviewView } from './overview.js';
import { SignIn } from './sign-in.js';
import { UserView } from './user-view.js';

const VIEWS = [
  { path: 'overview', title: 'Overview', View: OverviewView },
  { path: 'communities', title: 'Communities', View: CommunitiesView },
  { path: 'leaders', title: 'Opinion leaders', View: LeadersView },
  { path: 'user', title: "A user's view", View: UserView },
];

/** #/communities/<id> → { view, arg }. */
function parseHash() {
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const view = VIEWS.find((v) => v.path === path) ?? VIEWS[0];
  return { view, arg: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

function useHash() {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const update = () => setRoute(parseHash());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

function App() {
  const [manager, setManager] = useState(null);
  const [checking, setChecking] = useState(Boolean(credentials()));
  const route = useHash();

  // A stored sign-in is checked again on load (a token may have expired).
  useEffect(() => {
    if (!credentials()) return;
    gql('{ viewer { handle displayName } models { kind } }')
      .then((d) => setManager(d.viewer))
      .catch(() => saveCredentials(null))
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    document.title = manager ? `${route.view.title} · Community dashboard` : 'Sign in · Community dashboard';
  }, [manager, route.view]);

  if (checking) return html`<main><p>Checking your sign-in…</p></main>`;
  if (!manager) return html`<${SignIn} onSignedIn=${setManager} />`;
  const signOut = () => {
    saveCredentials(null);
    setManager(null);
  };
  const { View } = route.view;
  return html`
    <header class="top">
      <p class="brand">Community dashboard</p>
      <nav aria-label="Views">
        <ul>
          ${VIEWS.map(
            (v) => html`<li><a href=${`#/${v.path}`} aria-current=${v === route.view ? 'page' : undefined}>${v.title}</a></li>`,
          )}
        </ul>
      </nav>
      <p class="who">Signed in as <strong>${manager.displayName}</strong> (@${manager.handle}) <button type="button" class="link" onClick=${signOut}>Sign out</button></p>
    </header>
    <main id="main">
      <h1>${route.view.title}</h1>
      <${View} key=${route.view.path + (route.arg ?? '')} arg=${route.arg} />
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
