import { useId } from 'react';
import { useDirection } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
  color: string;
}

/**
 * A small horizontal bar chart in SVG: one bar per value with its label and number. Screen
 * readers get the same figures as a table (the SVG is hidden from them). Bars grow from the
 * inline start, so the chart mirrors with the page in Arabic (the SVG itself is laid out left
 * to right, its coordinates computed for the page's direction).
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rtl = useDirection().dir === 'rtl';
  const rowHeight = 28;
  const labelWidth = 130;
  const width = 420;
  const barSpace = width - labelWidth - 40;
  return (
    <figure style={{ margin: 0 }} aria-labelledby={id}>
      <figcaption id={id} style={{ fontWeight: 600, marginBottom: 8 }}>
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${bars.length * rowHeight}`} width="100%" aria-hidden="true" data-testid="bar-chart" direction="ltr" style={{ maxWidth: width, direction: 'ltr' }}>
        {bars.map((bar, index) => {
          const length = (bar.value / max) * barSpace;
          const y = index * rowHeight;
          const barX = rtl ? width - labelWidth - length : labelWidth;
          return (
            <g key={bar.label}>
              <text x={rtl ? width : 0} y={y + 18} textAnchor={rtl ? 'end' : 'start'} fontSize="13" fill="#1a1a1a">
                {bar.label}
              </text>
              <rect x={barX} y={y + 5} width={Math.max(length, 1)} height={18} fill={bar.color} rx={2} />
              <text x={rtl ? barX - 6 : barX + length + 6} y={y + 18} textAnchor={rtl ? 'end' : 'start'} fontSize="13" fill="#1a1a1a">
                {bar.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
