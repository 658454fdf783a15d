/**
 * `influence`: offline evaluation on Ciao-layout files. Trains the per-category influence model
 * on periods before the cutoff (choosing its features and L2 weight on validation periods there),
 * writes the scores of every user active before the cutoff, globally and per category, and
 * prints the validation table and, after the cutoff, per-category NDCG@20, global NDCG@100 and
 * Spearman for the model and the baselines on the same users.
 */
import { writeFile } from 'node:fs/promises';
import { parseDate } from '../../core/activity-log';
import { DEFAULT_CATEGORY_OPTIONS } from '../category-pipeline';
import { evaluateCategoryInfluence, formatCategoryReport } from './category-evaluate';
import { readCiao } from '../../core/ciao';
import { trainOptions, trainOptionSpecs } from '../options';
import { UsageError, type Command, type Options } from '../../core/command';

export const influenceCommand: Command = {
  name: 'influence',
  summary:
    'Evaluate influence on Ciao-layout data: train the per-category influence model on periods before --cutoff, ' +
    'score users active before it (globally and per category), compare with followers x reviews in the category, past influence in it and the global shapes.',
  options: [
    { name: 'reviews', type: 'string', required: true, description: 'reviews.csv (user_id,product_id,category_id,rating,helpfulness,timestamp)' },
    { name: 'trust', type: 'string', required: true, description: 'trust.csv (truster_id,trustee_id: the truster follows the trustee)' },
    { name: 'cutoff', type: 'string', required: true, description: 'YYYY-MM-DD (UTC): only data up to it is used for training and features' },
    { name: 'scores', type: 'string', description: 'output JSON {"<user_id>": predicted influence} (sum over categories)' },
    { name: 'category-scores', type: 'string', description: 'output JSON {"<category_id>": {"<user_id>": predicted influence in the category}}' },
    { name: 'report', type: 'string', description: 'also write the metrics report as JSON here' },
    ...trainOptionSpecs(DEFAULT_CATEGORY_OPTIONS),
  ],

  async run(o: Options): Promise<void> {
    let cutoff: number;
    try {
      cutoff = parseDate(o.cutoff as string);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!o.scores && !o['category-scores']) throw new UsageError('give --scores, --category-scores or both');
    const opts = trainOptions(o, DEFAULT_CATEGORY_OPTIONS);
    const log = readCiao(o.reviews as string, o.trust as string);
    const { report, scores, categoryScores } = evaluateCategoryInfluence(log, cutoff, opts);
    if (o.scores) await writeFile(o.scores as string, `${JSON.stringify(scores)}\n`);
    if (o['category-scores']) await writeFile(o['category-scores'] as string, `${JSON.stringify(categoryScores)}\n`);
    if (o.report) await writeFile(o.report as string, `${JSON.stringify(report, null, 2)}\n`);
    const written = [o.scores, o['category-scores']].filter(Boolean).join(', ');
    process.stdout.write(`${formatCategoryReport(report)}\nwritten: ${written} (${report.users} users)\n`);
  },
};
