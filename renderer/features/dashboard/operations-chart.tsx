import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { DashboardDay } from '../../../shared/contract/dashboard-channels';
import { OPERATION_STATES } from '../../../shared/contract/operation-channels';
import { STATE_LABEL } from '../operations/operation-labels';
import { dayTotal, describeDay, niceMax, stackDay } from './chart-geometry';
import { openDashboardLink } from './open-dashboard-link';

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 8;
const PLOT_HEIGHT = HEIGHT - BOTTOM - TOP;

/** A short label for a UTC day: the chart's days are UTC, so the label is too. */
function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/**
 * Operations by state per day, as stacked bars. Each bar opens that day's operations; the bars are
 * one tab stop (arrows move between days), and a visually hidden table carries the numbers for
 * screen readers.
 */
export function OperationsChart({ days, windowDays }: { readonly days: readonly DashboardDay[]; readonly windowDays: number }) {
  const titleId = useId();
  const descId = useId();
  const [focused, setFocused] = useState(Math.max(0, days.length - 1));
  const bars = useRef<(SVGGElement | null)[]>([]);
  const total = days.reduce((sum, day) => sum + dayTotal(day), 0);
  const max = niceMax(Math.max(0, ...days.map(dayTotal)));
  const slot = (WIDTH - LEFT) / Math.max(1, days.length);
  const barWidth = Math.max(4, slot * 0.7);
  const ticks = [0, max / 2, max];
  // Label about six days so the labels never overlap, always including the last (today).
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));

  function onKeyDown(event: KeyboardEvent<SVGGElement>, index: number) {
    const day = days[index];
    if ((event.key === 'Enter' || event.key === ' ') && day) {
      event.preventDefault();
      openDashboardLink(day.link);
      return;
    }
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? days.length - 1 : undefined;
    if (next === undefined || next < 0 || next >= days.length) return;
    event.preventDefault();
    setFocused(next);
    bars.current[next]?.focus();
  }

  return (
    <figure className="ops-chart" aria-labelledby={titleId}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby={titleId} aria-describedby={descId} data-testid="operations-chart">
        <title id={titleId}>{`Operations by state over the last ${windowDays} days`}</title>
        <desc id={descId}>{`${total.toLocaleString()} operations scheduled in the window. Each bar is a day (UTC), stacked by state; choose a bar to list that day's operations.`}</desc>
        {ticks.map((tick) => {
          const y = TOP + PLOT_HEIGHT - (tick / max) * PLOT_HEIGHT;
          return (
            <g key={tick} aria-hidden="true">
              <line className="chart-grid" x1={LEFT} x2={WIDTH} y1={y} y2={y} />
              <text className="chart-axis" x={LEFT - 6} y={y + 4} textAnchor="end">
                {tick}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          const label = `${shortDay(day.day)}: ${describeDay(day, STATE_LABEL)}`;
          return (
            <g
              key={day.day}
              ref={(element) => {
                bars.current[index] = element;
              }}
              className="chart-day"
              role="link"
              tabIndex={index === focused ? 0 : -1}
              aria-label={`${label}. List these operations.`}
              onClick={() => openDashboardLink(day.link)}
              onKeyDown={(event) => onKeyDown(event, index)}
              onFocus={() => setFocused(index)}
            >
              <title>{label}</title>
              {/* A full-height hit area, so an empty or tiny day is still easy to point at. */}
              <rect className="chart-hit" x={LEFT + index * slot} y={TOP} width={slot} height={PLOT_HEIGHT} />
              {stackDay(day, max, PLOT_HEIGHT).map((segment) => (
                <rect key={segment.state} className={`chart-bar chart-state-${segment.state}`} x={x} y={TOP + segment.y} width={barWidth} height={segment.height} />
              ))}
              {(index % labelEvery === 0 || index === days.length - 1) && (
                <text className="chart-axis" x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" aria-hidden="true">
                  {shortDay(day.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend" aria-label="Legend">
          {OPERATION_STATES.map((state) => (
            <li key={state}>
              <svg width="12" height="12" aria-hidden="true">
                <rect className={`chart-state-${state}`} width="12" height="12" rx="2" />
              </svg>
              {STATE_LABEL[state]}
            </li>
          ))}
        </ul>
        {total === 0 && <p className="empty-note">{`No operation was scheduled in the last ${windowDays} days. Request a password change (top bar) or turn on periodic verification in Settings.`}</p>}
      </figcaption>
      <ChartTable days={days} windowDays={windowDays} />
    </figure>
  );
}

/** The chart's numbers, for screen readers: one row per day with operations, one column per state. */
function ChartTable({ days, windowDays }: { readonly days: readonly DashboardDay[]; readonly windowDays: number }) {
  const withOperations = days.filter((day) => dayTotal(day) > 0);
  return (
    <table className="visually-hidden" data-testid="operations-chart-table">
      <caption>{`Operations by state per day (UTC), last ${windowDays} days; days without operations are left out.`}</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {OPERATION_STATES.map((state) => (
            <th key={state} scope="col">
              {STATE_LABEL[state]}
            </th>
          ))}
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {withOperations.map((day) => (
          <tr key={day.day}>
            <th scope="row">{day.day}</th>
            {OPERATION_STATES.map((state) => (
              <td key={state}>{day.counts[state]}</td>
            ))}
            <td>{dayTotal(day)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
