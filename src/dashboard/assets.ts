/**
 * The files the dashboard page loads, all from this server: its own modules (public/) and the
 * few libraries it uses, straight from node_modules (ES module builds, no bundling step). Only
 * the names listed here are served; everything is read once and kept in memory.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** A file next to a package's resolved entry point (each package's dist/ holds its ESM build). */
const beside = (specifier: string, file: string) => path.join(path.dirname(require.resolve(specifier)), file);

/** The libraries, under the names the page's import map and stylesheet links use. */
const VENDOR: Record<string, string> = {
  'preact.mjs': beside('preact', 'preact.module.js'),
  'preact-hooks.mjs': beside('preact/hooks', 'hooks.module.js'),
  'htm.mjs': beside('htm', 'htm.module.js'),
  'uplot.mjs': beside('uplot', 'uPlot.esm.js'),
  'uplot.css': beside('uplot', 'uPlot.min.css'),
};

/** Bare module names the dashboard's modules import, mapped by the page's import map. */
export const IMPORTS = { preact: 'preact.mjs', 'preact/hooks': 'preact-hooks.mjs', htm: 'htm.mjs', uplot: 'uplot.mjs' } as const;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  contentType: string;
  /** Strong validator: the content's hash. */
  etag: string;
}

function load(file: string): Asset {
  const body = readFileSync(file);
  return { body, contentType: TYPES[path.extname(file)], etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, file] of Object.entries(VENDOR)) assets.set(name, load(file));
  for (const name of readdirSync(PUBLIC_DIR)) if (TYPES[path.extname(name)]) assets.set(name, load(path.join(PUBLIC_DIR, name)));
  return assets;
}
