/**
 * How long loops (training epochs, backtest origins) report progress: one event per step of a
 * named task and a last one when it ends, which may come before `total` (early stopping). The
 * loops only call the callback; the CLI draws it as bars, tests and library callers pass nothing.
 */
import { Progress } from '../../src/cli/progress';

export interface ProgressEvent {
  task: string;
  done: number;
  total: number;
  /** What to show beside the bar, e.g. "loss 0.31  best val R@20 0.25 (ep 40)". */
  note: string;
  finished: boolean;
}

export type OnProgress = (event: ProgressEvent) => void;

export const noProgress: OnProgress = () => {};

/** Draws each task as a progress bar on stderr (src/cli/progress.ts). */
export function progressBars(): OnProgress {
  let bar: { task: string; done: number; progress: Progress } | undefined;
  return (e) => {
    if (bar?.task !== e.task) bar = { task: e.task, done: 0, progress: new Progress({ label: e.task, total: e.total }) };
    bar.progress.tick(e.done - bar.done, e.note);
    bar.done = e.done;
    if (e.finished) {
      bar.progress.finish();
      bar = undefined;
    }
  };
}
