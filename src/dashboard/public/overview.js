// Overview: how much data there is, each model's published version with its recorded evaluation,
// a "train now" button per model with the job's live status, and engagement across communities.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from './api.js';
import { Chart, periodTime } from './chart.js';
import { count, decimal, seconds, when } from './format.js';
import { html } from './html.js';
import { Status, useQuery } from './use-query.js';

const OVERVIEW = `query Overview {
  platformStats { users products categories reviews follows shares }
  communities(first: 50) { totalCount edges { node { id engagement(periods: 52) { period reviews shares activeMembers } } } }
  models { kind version trainedAt trainSeconds metrics { name value } }
}`;
const JOBS = '{ trainingJobs { id kind status startedAt finishedAt output } }';
const TRAIN = 'mutation Train($kind: ModelKind!) { trainModel(kind: $kind) { id kind status startedAt finishedAt output } }';
const WHAT = { INFLUENCE: 'Opinion leaders', FORECAST: 'Communities and forecasts', RECOMMEND: 'Recommendations' };
const POLL_MS = 2000;

/** Weekly sums over all communities' engagement series (they share their periods). */
function totals(communities) {
  const byPeriod = new Map();
  for (const { node } of communities) {
    for (const p of node.engagement) {
      const t = byPeriod.get(p.period) ?? { reviews: 0, shares: 0, activeMembers: 0 };
      t.reviews += p.reviews;
      t.shares += p.shares;
      t.activeMembers += p.activeMembers;
      byPeriod.set(p.period, t);
    }
  }
  const periods = [...byPeriod.keys()].sort();
  return [periods.map(periodTime), ...['reviews', 'shares', 'activeMembers'].map((k) => periods.map((p) => byPeriod.get(p)[k]))];
}

/** Training jobs, polled while one runs; `onFinished` runs when a job stops running. */
function useJobs(onFinished) {
  const [jobs, setJobs] = useState([]);
  const [error, setError] = useState(null);
  const known = useRef([]);
  const show = (next) => {
    known.current = next;
    setJobs(next);
  };
  const running = jobs.some((j) => j.status === 'RUNNING');
  const refresh = () =>
    gql(JOBS)
      .then(({ trainingJobs }) => {
        const finished = known.current.some((b) => b.status === 'RUNNING' && trainingJobs.some((j) => j.id === b.id && j.status !== 'RUNNING'));
        show(trainingJobs);
        setError(null);
        if (finished) onFinished();
      })
      .catch(setError);
  useEffect(() => void refresh(), []);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [running]);
  const start = (kind) =>
    gql(TRAIN, { kind })
      .then((d) => show([d.trainModel, ...known.current]))
      .catch(setError);
  return { jobs, start, error };
}

function JobStatus({ job }) {
  if (!job) return html`<span class="muted">no job since the server started</span>`;
  const took = job.finishedAt ? seconds((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000) : null;
  return html`<span class=${`job ${job.status.toLowerCase()}`} data-status=${job.status}>
    ${job.status === 'RUNNING' ? `running since ${when(job.startedAt)}` : `${job.status === 'SUCCEEDED' ? 'succeeded' : 'failed'} in ${took}, ${when(job.finishedAt)}`}
    ${job.status === 'FAILED' && html`<details><summary>output</summary><pre>${job.output}</pre></details>`}
  </span>`;
}

export function OverviewView() {
  const overview = useQuery((q) => q(OVERVIEW));
  const { jobs, start, error } = useJobs(overview.reload);
  const d = overview.data;
  const stats = d?.platformStats;
  return html`
    <${Status} state=${overview} what="the overview" />
    ${d &&
    html`<section aria-labelledby="counts-h">
        <h2 id="counts-h">The graph</h2>
        <dl class="counts">
          ${[
            ['Users', stats.users],
            ['Products', stats.products],
            ['Categories', stats.categories],
            ['Reviews', stats.reviews],
            ['Follows', stats.follows],
            ['Shares', stats.shares],
            ['Communities', d.communities.totalCount],
          ].map(([k, v]) => html`<div><dt>${k}</dt><dd>${count(v)}</dd></div>`)}
        </dl>
      </section>
      <section aria-labelledby="models-h">
        <h2 id="models-h">Models</h2>
        ${error && html`<p class="error" role="alert">${error.message}</p>`}
        <table class="models">
          <caption>Published models, their evaluation and training jobs</caption>
          <thead><tr><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Trained</th><th scope="col">Recorded evaluation</th><th scope="col">Training</th></tr></thead>
          <tbody>
            ${d.models.map((m) => {
              const job = jobs.find((j) => j.kind === m.kind);
              return html`<tr data-kind=${m.kind}>
                <th scope="row">${WHAT[m.kind]}<br /><span class="muted">${m.kind.toLowerCase()}</span></th>
                <td>${m.version ?? html`<span class="muted">not trained yet</span>`}</td>
                <td>${when(m.trainedAt)}${m.trainSeconds != null && html`<br /><span class="muted">in ${seconds(m.trainSeconds)}</span>`}</td>
                <td>${m.metrics.length ? html`<ul class="metrics">${m.metrics.map((x) => html`<li>${x.name}: <strong>${decimal(x.value)}</strong></li>`)}</ul>` : html`<span class="muted">none recorded</span>`}</td>
                <td>
                  <button type="button" onClick=${() => start(m.kind)} disabled=${job?.status === 'RUNNING'}>Train now<span class="visually-hidden"> (${WHAT[m.kind].toLowerCase()})</span></button>
                  <div aria-live="polite"><${JobStatus} job=${job} /></div>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="activity-h">
        <h2 id="activity-h">Weekly activity in communities</h2>
        <${Chart}
          label="Line chart: reviews, shares and active members per week, summed over all communities, for the last year"
          data=${totals(d.communities.edges)}
          series=${[
            { label: 'Reviews', stroke: '#1d4ed8' },
            { label: 'Shares', stroke: '#b45309' },
            { label: 'Active members', stroke: '#047857' },
          ]}
        />
      </section>`}
  `;
}
