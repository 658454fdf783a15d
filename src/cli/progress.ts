/**
 * A one-line progress bar for long CLI jobs (imports, training). Draws on a TTY only; elsewhere
 * it prints a line every few seconds so CI logs stay short but alive.
 */
export interface ProgressOptions {
  label: string;
  /** Total units of work, when known (enables percentage and ETA). */
  total?: number;
  stream?: NodeJS.WriteStream;
}

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private extra = '';
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
  }

  /** Advance by `n` units; `extra` is shown after the bar (e.g. "loss 0.31 recall 0.12"). */
  tick(n = 1, extra?: string): void {
    this.done += n;
    if (extra !== undefined) this.extra = extra;
    const now = Date.now();
    if (now - this.lastDraw >= (this.tty ? 100 : 5000)) {
      this.lastDraw = now;
      this.draw();
    }
  }

  /** Final line with the elapsed time. */
  finish(extra?: string): void {
    if (extra !== undefined) this.extra = extra;
    this.draw();
    if (this.tty) this.stream.write('\n');
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  private draw(): void {
    const { total, label } = this.opts;
    const elapsed = this.elapsedSeconds();
    let line: string;
    if (total) {
      const frac = Math.min(1, this.done / total);
      const width = 24;
      const filled = Math.round(frac * width);
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : NaN;
      line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1)}% ` +
        `${this.done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${formatSeconds(elapsed)} elapsed` +
        (frac < 1 ? `, ETA ${formatSeconds(eta)}` : '');
    } else {
      line = `${label} ${this.done.toLocaleString('en-US')} in ${formatSeconds(elapsed)}`;
    }
    if (this.extra) line += `  ${this.extra}`;
    this.stream.write(this.tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${Math.round(s % 60)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}
