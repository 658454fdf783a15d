// Opinion leaders: ranked users, filterable by category and community, with their score, rank,
// percentile, followers reached and engaged and examples of influence; exported as CSV.
import { useState } from 'preact/hooks';
import { all, gql } from './api.js';
import { download, toCsv } from './csv.js';
import { count, decimal, percentile } from './format.js';
import { html } from './html.js';
import { Status, useQuery } from './use-query.js';

const CATEGORIES = '{ categories { id name } }';
const COMMUNITIES = `query CommunityNames($after: String) {
  communities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id label } } }
}`;
const LEADERS = `query Leaders($first: Int!, $after: String, $category: ID, $community: ID) {
  opinionLeaders(first: $first, after: $after, category: $category, community: $community) {
    totalCount
    modelVersion
    pageInfo { hasNextPage endCursor }
    edges {
      rank score percentile
      node { id handle displayName }
      explanation {
        followersReached followersEngaged
        topCategories { name }
        examples { daysLater product { name } follower { handle } }
      }
    }
  }
}`;
const PAGE = 25;
const EXPORT_PAGE = 100;

const example = (e) => `@${e.follower.handle} engaged with ${e.product.name} ${e.daysLater} day${e.daysLater === 1 ? '' : 's'} later`;

function exportCsv(edges, filter) {
  const rows = edges.map((e) => [
    e.rank,
    e.node.handle,
    e.node.displayName,
    e.score,
    e.percentile,
    e.explanation.followersReached,
    e.explanation.followersEngaged,
    e.explanation.topCategories.map((c) => c.name).join('; '),
    e.explanation.examples.map(example).join('; '),
  ]);
  const header = ['rank', 'handle', 'display_name', 'score', 'percentile', 'followers_reached', 'followers_engaged', 'top_categories', 'examples'];
  const name = ['opinion-leaders', filter.categoryName, filter.communityLabel].filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  download(`${name}.csv`, toCsv(header, rows));
}

export function LeadersView({ arg }) {
  const [filter, setFilter] = useState({ category: '', community: arg ?? '' });
  const [more, setMore] = useState({ edges: [], pageInfo: null, loading: false });
  const [exporting, setExporting] = useState(null);
  const filters = useQuery(async (q) => ({ categories: (await q(CATEGORIES)).categories, communities: await all(COMMUNITIES, {}, (d) => d.communities) }));
  const vars = { category: filter.category || null, community: filter.community || null };
  // The answer carries the filters it was asked with: what is shown always matches its caption.
  const leaders = useQuery((q) => q(LEADERS, { ...vars, first: PAGE }).then((d) => ({ ...d, vars })), [filter.category, filter.community]);
  const first = leaders.data?.opinionLeaders;
  const conn = first && { ...first, edges: [...first.edges, ...more.edges], pageInfo: more.pageInfo ?? first.pageInfo };
  const categories = filters.data?.categories ?? [];
  const communities = filters.data?.communities.edges.map((e) => e.node) ?? [];

  async function loadMore() {
    setMore((m) => ({ ...m, loading: true }));
    const next = (await gql(LEADERS, { ...vars, first: PAGE, after: conn.pageInfo.endCursor })).opinionLeaders;
    setMore((m) => ({ edges: [...m.edges, ...next.edges], pageInfo: next.pageInfo, loading: false }));
  }
  const named = {
    categoryName: categories.find((c) => c.id === filter.category)?.name,
    communityLabel: communities.find((c) => c.id === filter.community)?.label,
  };

  async function onExport() {
    setExporting('Exporting…');
    try {
      const everything = await all(LEADERS, { ...vars, first: EXPORT_PAGE }, (d) => d.opinionLeaders);
      exportCsv(everything.edges, named);
      setExporting(`Exported ${count(everything.edges.length)} rows.`);
    } catch (err) {
      setExporting(`Export failed: ${err.message}`);
    }
  }

  const change = (key) => (e) => {
    setFilter((f) => ({ ...f, [key]: e.target.value }));
    setMore({ edges: [], pageInfo: null, loading: false });
  };

  return html`
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label for="category">Category</label>
      <select id="category" value=${filter.category} onChange=${change('category')}>
        <option value="">All categories</option>
        ${categories.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </select>
      <label for="community">Community</label>
      <select id="community" value=${filter.community} onChange=${change('community')}>
        <option value="">All communities</option>
        ${communities.map((c) => html`<option value=${c.id}>${c.label}</option>`)}
      </select>
      <button type="button" onClick=${onExport} disabled=${!conn?.totalCount}>Export CSV</button>
      <span aria-live="polite">${exporting}</span>
    </form>
    <${Status} state=${leaders} what="opinion leaders" />
    ${conn &&
    (conn.totalCount === 0
      ? html`<p>${conn.modelVersion ? 'Nobody matches these filters.' : 'No opinion leaders yet: the influence model has not been trained (see the Overview).'}</p>`
      : html`<p class="muted">${count(conn.totalCount)} users ranked by model ${conn.modelVersion}${leaders.data.vars.category ? '; ranks are within the category' : ''}.</p>
          <table class="leaders" data-category=${leaders.data.vars.category ?? ''} data-community=${leaders.data.vars.community ?? ''}>
            <caption class="visually-hidden">Opinion leaders${named.categoryName ? ` in ${named.categoryName}` : ''}${named.communityLabel ? `, community ${named.communityLabel}` : ''}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">Rank</th><th scope="col">User</th><th scope="col" class="num">Score</th><th scope="col" class="num">Percentile</th>
                <th scope="col" class="num">Followers reached</th><th scope="col" class="num">Followers engaged</th><th scope="col">Top categories</th><th scope="col">Examples</th>
              </tr>
            </thead>
            <tbody>
              ${conn.edges.map(
                (e) => html`<tr key=${e.node.id}>
                  <td class="num">${count(e.rank)}</td>
                  <td><a href="#/user/${encodeURIComponent(e.node.handle)}">${e.node.displayName}</a> <span class="muted">@${e.node.handle}</span></td>
                  <td class="num">${decimal(e.score)}</td>
                  <td class="num">${percentile(e.percentile)}</td>
                  <td class="num">${count(e.explanation.followersReached)}</td>
                  <td class="num">${count(e.explanation.followersEngaged)}</td>
                  <td>${e.explanation.topCategories.map((c) => c.name).join(', ')}</td>
                  <td><ul class="examples">${e.explanation.examples.slice(0, 3).map((x) => html`<li>${example(x)}</li>`)}</ul></td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${conn.pageInfo.hasNextPage && html`<button type="button" onClick=${loadMore} disabled=${more.loading}>Show ${PAGE} more</button>`}`)}
  `;
}
