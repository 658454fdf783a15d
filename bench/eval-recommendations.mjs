#!/usr/bin/env node
// Independent check of recommendation metrics: plain JavaScript, deliberately sharing no code
// with gnn/ so a bug there cannot hide here.
// Usage: node bench/eval-recommendations.mjs PREDICTIONS.json SPLIT_DIR
// Prints JSON: Precision/Recall/NDCG at 10 and 20 averaged over every user in test_set.txt
// (a test user missing from the predictions counts as zero hits), plus sanity counters, and
// beyond accuracy (definitions in docs/recommend.md): catalogue coverage of the top-20 lists
// (distinct listed training items / distinct training items), novelty (per list, the mean of
// -log2(training users of the item / training pairs), an item unseen in training counted once;
// averaged over the lists) and Recall/NDCG@20 of cold users (at most 5 training items).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [predictionsPath, splitDir] = process.argv.slice(2);
if (!predictionsPath || !splitDir) {
  console.error('usage: node bench/eval-recommendations.mjs PREDICTIONS.json SPLIT_DIR');
  process.exit(2);
}

function readPairs(file) {
  const byUser = new Map();
  const lines = readFileSync(join(splitDir, file), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [u, i] = line.split(',').map((x) => parseInt(x, 10));
    if (!byUser.has(u)) byUser.set(u, new Set());
    byUser.get(u).add(i);
  }
  return byUser;
}

const train = readPairs('train_set.txt');
const test = readPairs('test_set.txt');
const predictions = JSON.parse(readFileSync(predictionsPath, 'utf8'));

// Training users per item and training pairs (pairs are deduplicated by the Set per user).
const itemUsers = new Map();
let trainPairs = 0;
for (const items of train.values()) {
  for (const item of items) itemUsers.set(item, (itemUsers.get(item) ?? 0) + 1);
  trainPairs += items.size;
}
const COLD = 5;
const listed = new Set();
let noveltySum = 0;
let lists = 0;
const cold = { users: 0, recall: 0, ndcg: 0 };

const totals = {};
for (const k of [10, 20]) totals[k] = { precision: 0, recall: 0, ndcg: 0 };
let missingUsers = 0;
let trainingItemsPredicted = 0;
let shortLists = 0;

for (const [user, relevant] of test) {
  const list = predictions[String(user)];
  const isCold = (train.get(user)?.size ?? 0) <= COLD;
  if (isCold) cold.users++;
  if (!list) {
    missingUsers++;
    continue;
  }
  const top20 = list.slice(0, 20);
  for (const item of top20) if (itemUsers.has(item)) listed.add(item);
  if (top20.length) {
    let bits = 0;
    for (const item of top20) bits += -Math.log2(Math.max(1, itemUsers.get(item) ?? 0) / trainPairs);
    noveltySum += bits / top20.length;
    lists++;
  }
  if (list.length < 20) shortLists++;
  const seen = train.get(user) ?? new Set();
  for (const item of list.slice(0, 20)) if (seen.has(item)) trainingItemsPredicted++;
  for (const k of [10, 20]) {
    const top = list.slice(0, k);
    let hits = 0;
    let dcg = 0;
    top.forEach((item, rank) => {
      if (relevant.has(item)) {
        hits += 1;
        dcg += 1 / Math.log2(rank + 2);
      }
    });
    let idcg = 0;
    for (let rank = 0; rank < Math.min(k, relevant.size); rank++) idcg += 1 / Math.log2(rank + 2);
    totals[k].precision += hits / k;
    totals[k].recall += hits / relevant.size;
    totals[k].ndcg += dcg / idcg;
    if (k === 20 && isCold) {
      cold.recall += hits / relevant.size;
      cold.ndcg += dcg / idcg;
    }
  }
}

const result = { testUsers: test.size, missingUsers, shortLists, trainingItemsPredicted };
for (const k of [10, 20]) {
  result[k] = {
    precision: totals[k].precision / test.size,
    recall: totals[k].recall / test.size,
    ndcg: totals[k].ndcg / test.size,
  };
}
result.coverage20 = listed.size / itemUsers.size;
result.novelty20 = noveltySum / Math.max(1, lists);
result.cold20 = { maxTrainingItems: COLD, users: cold.users, recall: cold.recall / Math.max(1, cold.users), ndcg: cold.ndcg / Math.max(1, cold.users) };
console.log(JSON.stringify(result, null, 2));
