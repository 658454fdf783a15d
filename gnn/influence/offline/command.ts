/**
 * `influence`: offline evaluation on Ciao-layout files. Trains on periods before the cutoff,
 * writes the predicted influence of every user active before the cutoff, and prints NDCG@100,
 * Precision@100 and Spearman against the influence observed after the cutoff, for the GNN and
 * the baselines on the same users.
 */
import { writeFile } from 'node:fs/promises';
import { parseDate } from '../../core/activity-log';
import { progressBars } from '../../core/progress';
import { readCiao } from '../../core/ciao';
import { evaluateInfluence, formatReport } from './evaluate';
import { trainOptions, trainOptionSpecs } from '../options';
import { DEFAULT_TRAIN_OPTIONS } from '../pipeline';
import { UsageError, type Command, type Options } from '../../core/command';

export const influenceCommand: Command = {
  name: 'influence',
  summary:
    'Evaluate influence scores on Ciao-layout data: train the influence GNN on periods before --cutoff, ' +
    'score users active before it, compare with follower count, PageRank, past influence, review count and followers x reviews.',
  options: [
    { name: 'reviews', type: 'string', required: true, description: 'reviews.csv (user_id,product_id,category_id,rating,helpfulness,timestamp)' },
    { name: 'trust', type: 'string', required: true, description: 'trust.csv (truster_id,trustee_id: the truster follows the trustee)' },
    { name: 'cutoff', type: 'string', required: true, description: 'YYYY-MM-DD (UTC): only data up to it is used for training and features' },
    { name: 'scores', type: 'string', required: true, description: 'output JSON {"<user_id>": predicted influence}' },
    { name: 'report', type: 'string', description: 'also write the metrics report as JSON here' },
    ...trainOptionSpecs(DEFAULT_TRAIN_OPTIONS),
  ],

  async run(o: Options): Promise<void> {
    let cutoff: number;
    try {
      cutoff = parseDate(o.cutoff as string);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const opts = trainOptions(o, DEFAULT_TRAIN_OPTIONS.evalEvery);
    const log = readCiao(o.reviews as string, o.trust as string);
    const { report, scores } = await evaluateInfluence(log, cutoff, opts, progressBars());
    await writeFile(o.scores as string, `${JSON.stringify(scores)}\n`);
    if (o.report) await writeFile(o.report as string, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${formatReport(report)}\nscores: ${o.scores} (${report.users} users)\n`);
  },
};
