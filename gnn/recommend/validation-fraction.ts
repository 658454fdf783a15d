/** Held-out pairs aimed for: enough to rank validation users (at most `valUsers` are ranked) without starving a large graph's fit part. */
const VALIDATION_PAIRS = 12_000;
const MAX_VALIDATION_FRACTION = 0.1;

/**
 * The validation share when none is given: about VALIDATION_PAIRS held-out pairs, at most 10%,
 * rounded to a percent. LastFM (74k training pairs) gets 10% and Ciao (227k) 5%, the shares
 * each was validated with; a 750k graph 2%.
 */
export function validationFraction(interactions: number): number {
  if (interactions <= 0) return MAX_VALIDATION_FRACTION;
  return Math.max(0.01, Math.min(MAX_VALIDATION_FRACTION, Math.round((VALIDATION_PAIRS / interactions) * 100) / 100));
}
