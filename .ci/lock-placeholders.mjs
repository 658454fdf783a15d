// Some packages (e.g. @ladybugdb/core) list optional platform packages that the registry does not
// have. `npm install` then leaves them out of package-lock.json and `npm ci` refuses the lock as
// out of sync. This adds a placeholder entry (version, os, cpu; nothing to fetch) for each such
// missing optional dependency, so other platforms skip it. Run after `npm install`:
//   node .ci/lock-placeholders.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = /-(darwin|linux|win32)-(x64|arm64)$/;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
/** Whether `name` resolves from `path` the way Node looks it up: here, then each ancestor. */
function resolves(path, name) {
  for (let dir = path; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
  }
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = PLATFORM.exec(name);
    if (!platform || resolves(path, name)) continue;
    lock.packages[`node_modules/${name}`] = { version, optional: true, os: [platform[1]], cpu: [platform[2]] };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-placeholders: added ${added} placeholder entr${added === 1 ? 'y' : 'ies'}`);
