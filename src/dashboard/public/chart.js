// A uPlot time-series chart as a Preact component. Charts are images to assistive technology:
// the figure's label says what is drawn, and the same numbers are in the tables beside it.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from './html.js';

/** `data`: [x (unix seconds), ...one array per series]; `series`: { label, stroke, dash?, fill? }. */
export function Chart({ label, data, series, bands, height = 260 }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const opts = {
      width: Math.max(el.clientWidth, 300),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: s.width ?? 2, dash: s.dash, spanGaps: false, points: { show: false } }))],
      bands,
      axes: [{ stroke: '#333' }, { stroke: '#333', size: 50 }],
    };
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 300), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data]);
  const points = data[0]?.length ?? 0;
  return html`<figure class="chart">
    <div ref=${ref} role="img" aria-label=${label} data-points=${points}></div>
    <figcaption>
      ${series.filter((s) => !s.hideInLegend).map((s) => html`<span class="key"><span class=${`swatch ${s.dash ? 'dashed' : ''}`} style=${{ borderColor: s.stroke }}></span>${s.label}</span>`)}
    </figcaption>
  </figure>`;
}

/** YYYY-MM-DD (a period's first day, UTC) to uPlot's x: unix seconds. */
export const periodTime = (period) => Date.parse(`${period}T00:00:00Z`) / 1000;
