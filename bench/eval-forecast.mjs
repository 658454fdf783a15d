#!/usr/bin/env node
// Independent check of community forecasts: plain JavaScript, sharing no code with gnn/ so a
// bug there cannot hide here.
// Usage: node bench/eval-forecast.mjs REPORT.json REVIEWS.csv [HORIZON]
// REPORT = {"communities": {"<id>": [user_id, ...]}, "forecasts": {"<origin YYYY-MM>": {"<id>":
// {"expected": [h1..], "low": [...], "high": [...]}}}}. The actual value for origin o at horizon h
// is the number of reviews written by the community's members in month o+h (UTC). Months from the
// last one in reviews.csv on are incomplete (the crawl stopped mid-month) and are not scored.
// Prints JSON: MAE per horizon, coverage of [low, high] per horizon and overall, and counts.
import { readFileSync } from 'node:fs';

const [reportPath, reviewsPath, horizonArg] = process.argv.slice(2);
if (!reportPath || !reviewsPath) {
  console.error('usage: node bench/eval-forecast.mjs REPORT.json REVIEWS.csv [HORIZON]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

const communityOf = new Map();
for (const [id, members] of Object.entries(report.communities)) {
  for (const u of members) {
    if (communityOf.has(String(u))) throw new Error(`user ${u} is in communities ${communityOf.get(String(u))} and ${id}`);
    communityOf.set(String(u), id);
  }
}

const monthKey = (year, month0) => `${year}-${String(month0 + 1).padStart(2, '0')}`;
const counts = new Map(); // "id|YYYY-MM" -> reviews
let lastMonth = '';
const lines = readFileSync(reviewsPath, 'utf8').split('\n');
if (lines[0].trim() !== 'user_id,product_id,category_id,rating,helpfulness,timestamp') throw new Error('unexpected reviews.csv header');
for (let i = 1; i < lines.length; i++) {
  const line = lines[i].trim();
  if (!line) continue;
  const cells = line.split(',');
  const d = new Date(Number(cells[5]) * 1000);
  const m = monthKey(d.getUTCFullYear(), d.getUTCMonth());
  if (m > lastMonth) lastMonth = m;
  const id = communityOf.get(cells[0]);
  if (id === undefined) continue;
  const key = `${id}|${m}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const addMonths = (ym, k) => {
  const [y, m] = ym.split('-').map(Number);
  const index = y * 12 + (m - 1) + k;
  return monthKey(Math.floor(index / 12), index % 12);
};

const firstForecast = Object.values(Object.values(report.forecasts)[0] ?? {})[0];
const horizon = horizonArg ? Number(horizonArg) : (firstForecast?.expected.length ?? 0);
const absErr = new Array(horizon).fill(0);
const n = new Array(horizon).fill(0);
const inside = new Array(horizon).fill(0);
let skipped = 0;
for (const [origin, byCommunity] of Object.entries(report.forecasts)) {
  for (const [id, f] of Object.entries(byCommunity)) {
    if (!(id in report.communities)) throw new Error(`forecast for unknown community ${id}`);
    for (let h = 1; h <= horizon; h++) {
      const month = addMonths(origin, h);
      if (month >= lastMonth) {
        skipped++;
        continue;
      }
      const actual = counts.get(`${id}|${month}`) ?? 0;
      absErr[h - 1] += Math.abs(f.expected[h - 1] - actual);
      n[h - 1]++;
      if (f.low[h - 1] <= actual && actual <= f.high[h - 1]) inside[h - 1]++;
    }
  }
}
const total = n.reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify(
    {
      origins: Object.keys(report.forecasts).length,
      communities: Object.keys(report.communities).length,
      members: communityOf.size,
      scored: n,
      skippedIncompleteMonths: skipped,
      mae: absErr.map((e, h) => e / n[h]),
      coverage: inside.map((k, h) => k / n[h]),
      coverageOverall: inside.reduce((a, b) => a + b, 0) / total,
    },
    null,
    2,
  ),
);
