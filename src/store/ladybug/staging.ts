/**
 * Where LadybugDB's bulk paths (copy-stage.ts, rebuild-tables.ts) write the CSV files they COPY:
 * `staging/` in the data directory. That is the database's own disk, which has room for what an
 * import loads (/tmp is often a small tmpfs), and the database's open clears it, so the files of
 * a process killed mid-chunk do not pile up anywhere. Only the process holding the database's
 * lock opens it, so nobody else is staging when it is cleared.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

export const STAGING = 'staging';

export class Staging {
  private readonly root: string;

  constructor(dataDir: string) {
    // Absolute: COPY reads the path as the database process sees it.
    this.root = path.resolve(dataDir, STAGING);
  }

  /** A new empty directory for one stage; its owner removes it. */
  directory(prefix: string): string {
    mkdirSync(this.root, { recursive: true });
    return mkdtempSync(path.join(this.root, prefix));
  }

  /** Removes whatever an earlier process left. */
  clear(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
