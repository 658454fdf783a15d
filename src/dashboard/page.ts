/**
 * The dashboard's HTML shell. Everything it shows is drawn by its modules from the public GraphQL
 * API; the server only says where that API is and whether the development sign-in is on. The
 * Content-Security-Policy allows this server alone (the import map is allowed by its hash).
 */
import { createHash } from 'node:crypto';
import { IMPORTS } from './assets';

export interface DashboardPage {
  html: string;
  csp: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function dashboardPage(opts: { assetsPath: string; graphqlPath: string; devHeaders: boolean; demoHandle: string }): DashboardPage {
  const importMap = JSON.stringify({ imports: Object.fromEntries(Object.entries(IMPORTS).map(([name, file]) => [name, `${opts.assetsPath}${file}`])) });
  const hash = createHash('sha256').update(importMap).digest('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Community dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${opts.assetsPath}uplot.css">
<link rel="stylesheet" href="${opts.assetsPath}dashboard.css">
<script type="importmap">${importMap}</script>
<script type="module" src="${opts.assetsPath}app.js"></script>
</head>
<body data-graphql="${escapeAttr(opts.graphqlPath)}" data-dev-headers="${opts.devHeaders}" data-demo-handle="${escapeAttr(opts.demoHandle)}">
<div id="app"><main><p>Loading the dashboard…</p></main></div>
<noscript><p>The dashboard needs JavaScript; the same data is in the GraphQL API.</p></noscript>
</body>
</html>
`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  return { html, csp };
}
