// Communities: a sortable list (size, recent engagement and its trend, next week's forecast);
// one community's weekly engagement history with the forecast and its 10-90% band, its top
// categories and its opinion leaders.
import { all } from './api.js';
import { Chart, periodTime } from './chart.js';
import { count, decimal, percent, percentile, trend } from './format.js';
import { html } from './html.js';
import { SortableTable } from './sortable.js';
import { Status, useQuery } from './use-query.js';

const LIST = `query Communities($after: String) {
  communities(first: 100, after: $after) {
    modelVersion
    pageInfo { hasNextPage endCursor }
    edges { node { id label size engagement(periods: 8) { reviews } engagementForecast(periods: 1) { expected } } }
  }
}`;
const ONE = `query Community($id: ID!) {
  node(id: $id) {
    ... on Community {
      id label size
      topCategories { id name }
      opinionLeaders(first: 10) { id handle displayName influence { score rank percentile } }
      engagement(periods: 52) { period reviews shares activeMembers }
      engagementForecast(periods: 8) { period expected low high }
    }
  }
}`;

/** History then forecast on one time axis; the forecast starts from the last observed week. */
function series(c) {
  const hist = c.engagement;
  const fc = c.engagementForecast;
  const x = [...hist.map((p) => periodTime(p.period)), ...fc.map((p) => periodTime(p.period))];
  const last = hist.at(-1)?.reviews ?? null;
  const pad = (n) => Array(n).fill(null);
  return [
    x,
    [...hist.map((p) => p.reviews), ...pad(fc.length)],
    [...pad(hist.length - 1), last, ...fc.map((p) => p.expected)],
    [...pad(hist.length - 1), last, ...fc.map((p) => p.low)],
    [...pad(hist.length - 1), last, ...fc.map((p) => p.high)],
  ];
}

function CommunityDetail({ id }) {
  const state = useQuery((q) => q(ONE, { id }), [id]);
  const c = state.data?.node;
  if (!c) return html`<${Status} state=${state} what="the community" />${state.data && html`<p>No community with that id (a newer model may have renumbered them).</p>`}`;
  return html`<section aria-labelledby="community-h" class="detail">
    <h2 id="community-h">${c.label}</h2>
    <p>${count(c.size)} members. <a href="#/leaders/${encodeURIComponent(c.id)}">All its opinion leaders</a> · <a href="#/communities">All communities</a></p>
    <h3>Weekly reviews by members, and the forecast</h3>
    <${Chart}
      label=${`Line chart: reviews per week by members of ${c.label} over the last ${c.engagement.length} weeks, and the forecast for the next ${c.engagementForecast.length} weeks with its 10 to 90 percent band`}
      data=${series(c)}
      series=${[
        { label: 'Reviews (observed)', stroke: '#1d4ed8' },
        { label: 'Forecast (median)', stroke: '#b91c1c', dash: [6, 4] },
        { label: '10% quantile', stroke: '#f87171', width: 1, hideInLegend: true },
        { label: '90% quantile', stroke: '#f87171', width: 1, hideInLegend: true },
      ]}
      bands=${[{ series: [4, 3], fill: 'rgba(248, 113, 113, 0.2)' }]}
    />
    <p class="muted">The shaded band is the forecast's 10-90% interval.</p>
    <div class="columns">
      <div>
        <h3>Top categories</h3>
        <ol>${c.topCategories.map((cat) => html`<li key=${cat.id}>${cat.name}</li>`)}</ol>
      </div>
      <div>
        <h3>Opinion leaders</h3>
        <table>
          <caption class="visually-hidden">Opinion leaders of ${c.label}</caption>
          <thead><tr><th scope="col">User</th><th scope="col" class="num">Score</th><th scope="col" class="num">Rank</th><th scope="col" class="num">Percentile</th></tr></thead>
          <tbody>
            ${c.opinionLeaders.map(
              (u) => html`<tr key=${u.id}>
                <td><a href="#/user/${encodeURIComponent(u.handle)}">${u.displayName}</a> <span class="muted">@${u.handle}</span></td>
                <td class="num">${decimal(u.influence?.score)}</td>
                <td class="num">${count(u.influence?.rank)}</td>
                <td class="num">${percentile(u.influence?.percentile)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>
  </section>`;
}

const COLUMNS = [
  { key: 'label', label: 'Community', value: (c) => c.label, cell: (c) => html`<a href="#/communities/${encodeURIComponent(c.id)}">${c.label}</a>` },
  { key: 'size', label: 'Members', numeric: true, value: (c) => c.size, cell: (c) => count(c.size) },
  { key: 'recent', label: 'Reviews, last 4 weeks', numeric: true, value: (c) => c.recent, cell: (c) => count(c.recent) },
  { key: 'trend', label: 'Trend vs 4 weeks before', numeric: true, value: (c) => c.trend, cell: (c) => (c.trend == null ? '–' : `${c.trend >= 0 ? '+' : ''}${percent(c.trend)}`) },
  { key: 'next', label: 'Forecast next week', numeric: true, value: (c) => c.next, cell: (c) => decimal(c.next) },
];

export function CommunitiesView({ arg }) {
  const list = useQuery(() => all(LIST, {}, (d) => d.communities));
  const rows = (list.data?.edges ?? []).map(({ node: c }) => {
    const reviews = c.engagement.map((p) => p.reviews);
    return { ...c, recent: reviews.slice(-4).reduce((a, b) => a + b, 0), trend: trend(reviews), next: c.engagementForecast[0]?.expected ?? null };
  });
  return html`
    ${arg && html`<${CommunityDetail} id=${arg} />`}
    <section aria-labelledby="list-h">
      <h2 id="list-h">All communities</h2>
      <${Status} state=${list} what="communities" />
      ${list.data &&
      (rows.length
        ? html`<p class="muted">Model version ${list.data.modelVersion}. Choose a column to sort by it.</p>
            <${SortableTable} caption="Communities detected on the follow graph" columns=${COLUMNS} rows=${rows} initial=${{ key: 'size', desc: true }} rowKey=${(c) => c.id} />`
        : html`<p>No communities yet: the forecast model has not been trained (see the Overview).</p>`)}
    </section>`;
}
