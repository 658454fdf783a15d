/** Review titles, bodies and share messages composed from the word lists. */
import type { Rng } from '../random';
import { REVIEW_TEXT, SHARE_MESSAGES } from './words';

/** Ratings skewed positive, as on every review site: mostly 4s and 5s. */
const RATING_WEIGHTS = [0.05, 0.07, 0.13, 0.33, 0.42];

export function drawRating(rng: Rng): number {
  return rng.weightedIndex(RATING_WEIGHTS) + 1;
}

/** `inspiredBy` is the handle of the influencer whose review led to this one, when the text should say so. */
export function reviewText(rng: Rng, rating: number, noun: string, inspiredBy?: string): { title: string; body: string } {
  const tone = rating >= 4 ? REVIEW_TEXT.positive : rating === 3 ? REVIEW_TEXT.mixed : REVIEW_TEXT.negative;
  const sentences = [rng.pick(tone.openers).replace('{noun}', noun)];
  for (let i = rng.int(1, 2); i > 0; i--) sentences.push(rng.pick(REVIEW_TEXT.details).replace('{n}', String(rng.int(2, 12))));
  if (inspiredBy) sentences.push(rng.pick(REVIEW_TEXT.influenced).replace('{handle}', inspiredBy));
  return { title: rng.pick(tone.titles), body: sentences.join(' ') };
}

export function shareMessage(rng: Rng): string {
  return rng.pick(SHARE_MESSAGES);
}
