// A user's view: find a user by handle or name; their community, influence and the products the
// model recommends to them, with scores and reasons.
import { useState } from 'preact/hooks';
import { gql } from './api.js';
import { count, decimal, percentile, when } from './format.js';
import { html } from './html.js';
import { Status, useQuery } from './use-query.js';

const SEARCH = `query FindUsers($search: String!) {
  users(first: 10, filter: { search: $search }, sort: MOST_FOLLOWED) { edges { node { id handle displayName followers { totalCount } } } }
}`;
const USER = `query UserView($handle: String!) {
  user(handle: $handle) {
    id handle displayName bio joinedAt
    followers { totalCount }
    following { totalCount }
    community { id label size }
    influence {
      score rank percentile modelVersion
      byCategory { category { name } score rank }
      explanation { followersReached followersEngaged examples { daysLater product { name } follower { handle } } }
    }
    recommendedProducts(first: 20) {
      source modelVersion
      edges {
        score
        node { id name category { name } averageRating reviewCount }
        reason { followedUsers { handle } similarTo { name } }
      }
    }
  }
}`;

function Search() {
  const [text, setText] = useState('');
  const [found, setFound] = useState(null);
  const [error, setError] = useState(null);
  async function submit(e) {
    e.preventDefault();
    setError(null);
    try {
      setFound((await gql(SEARCH, { search: text.trim() })).users.edges.map((x) => x.node));
    } catch (err) {
      setError(err.message);
    }
  }
  return html`<section aria-labelledby="search-h">
    <h2 id="search-h">Find a user</h2>
    <form class="filters" role="search" onSubmit=${submit}>
      <label for="user-search">Handle or name</label>
      <input id="user-search" type="search" required minlength="1" value=${text} onInput=${(e) => setText(e.target.value)} />
      <button type="submit">Search</button>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${found &&
    (found.length
      ? html`<ul class="found">${found.map((u) => html`<li key=${u.id}><a href="#/user/${encodeURIComponent(u.handle)}">${u.displayName}</a> <span class="muted">@${u.handle}, ${count(u.followers.totalCount)} followers</span></li>`)}</ul>`
      : html`<p>Nobody's handle or name contains “${text}”.</p>`)}
  </section>`;
}

function reason(r) {
  const parts = [];
  if (r.followedUsers.length) parts.push(`followed ${r.followedUsers.map((u) => `@${u.handle}`).join(', ')} engaged with it`);
  if (r.similarTo.length) parts.push(`like ${r.similarTo.map((p) => p.name).join(', ')}`);
  return parts.join('; ') || 'popular with similar users';
}

function Profile({ handle }) {
  const state = useQuery((q) => q(USER, { handle }), [handle]);
  const u = state.data?.user;
  if (!u) return html`<${Status} state=${state} what=${`@${handle}`} />${state.data && html`<p>No user @${handle}.</p>`}`;
  const recs = u.recommendedProducts;
  return html`<section aria-labelledby="user-h" class="detail">
    <h2 id="user-h">${u.displayName} <span class="muted">@${u.handle}</span></h2>
    <p>${u.bio}</p>
    <dl class="counts">
      <div><dt>Joined</dt><dd>${when(u.joinedAt)}</dd></div>
      <div><dt>Followers</dt><dd>${count(u.followers.totalCount)}</dd></div>
      <div><dt>Following</dt><dd>${count(u.following.totalCount)}</dd></div>
      <div><dt>Community</dt><dd>${u.community ? html`<a href="#/communities/${encodeURIComponent(u.community.id)}">${u.community.label}</a>` : '–'}</dd></div>
      <div><dt>Influence rank</dt><dd>${u.influence ? `${count(u.influence.rank)} (percentile ${percentile(u.influence.percentile)})` : '–'}</dd></div>
      <div><dt>Influence score</dt><dd>${decimal(u.influence?.score)}</dd></div>
    </dl>
    ${u.influence &&
    html`<h3>Influence by category</h3>
      <table>
        <caption class="visually-hidden">Influence of @${u.handle} by category</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Score</th><th scope="col" class="num">Rank in category</th></tr></thead>
        <tbody>${u.influence.byCategory.map((c) => html`<tr><td>${c.category.name}</td><td class="num">${decimal(c.score)}</td><td class="num">${count(c.rank)}</td></tr>`)}</tbody>
      </table>
      <p class="muted">${count(u.influence.explanation.followersReached)} followers reached, ${count(u.influence.explanation.followersEngaged)} engaged after them (model ${u.influence.modelVersion}).</p>`}
    <h3>Recommended products</h3>
    <p class="muted">From ${recs.source === 'MODEL' ? `the model ${recs.modelVersion}` : 'the fallback (popular in their network and categories: no model yet)'}.</p>
    <table class="recommendations" data-source=${recs.source}>
      <caption class="visually-hidden">Products recommended to @${u.handle}, best first</caption>
      <thead><tr><th scope="col">Product</th><th scope="col">Category</th><th scope="col" class="num">Score</th><th scope="col">Why</th></tr></thead>
      <tbody>
        ${recs.edges.map(
          (e) => html`<tr key=${e.node.id}>
            <td>${e.node.name}</td>
            <td>${e.node.category.name}</td>
            <td class="num">${decimal(e.score)}</td>
            <td>${reason(e.reason)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function UserView({ arg }) {
  return html`<${Search} />${arg && html`<${Profile} handle=${arg} />`}`;
}
