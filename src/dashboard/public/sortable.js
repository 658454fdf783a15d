// A table whose column headers sort it (click again to reverse); the sorted column says so to
// assistive technology with aria-sort.
import { useState } from 'preact/hooks';
import { html } from './html.js';

/** columns: { key, label, value(row) → sortable, cell(row) → content, numeric? }. */
export function SortableTable({ caption, columns, rows, initial, rowKey }) {
  const [sort, setSort] = useState(initial);
  const col = columns.find((c) => c.key === sort.key);
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [col.value(a), col.value(b)];
    const order = x == null ? 1 : y == null ? -1 : typeof x === 'string' ? x.localeCompare(y) : x - y;
    return sort.desc ? -order : order;
  });
  const toggle = (key) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : true }));
  return html`<table class="sortable">
    <caption>${caption}</caption>
    <thead>
      <tr>
        ${columns.map(
          (c) => html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${c.key === sort.key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
            <button type="button" class="sort" onClick=${() => toggle(c.key)}>${c.label}<span aria-hidden="true">${c.key === sort.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span></button>
          </th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${sorted.map((r) => html`<tr key=${rowKey(r)}>${columns.map((c) => html`<td class=${c.numeric ? 'num' : ''}>${c.cell(r)}</td>`)}</tr>`)}
    </tbody>
  </table>`;
}
