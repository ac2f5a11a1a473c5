import type { DashboardFigure } from '../../../shared/contract/dashboard-channels';
import { openDashboardLink } from './open-dashboard-link';

interface FigureCardProps {
  readonly label: string;
  readonly figure: DashboardFigure;
  /** What the number counts, in a sentence: Segura's definitions are not obvious. */
  readonly hint: string;
  readonly tone?: 'danger' | 'warning' | 'success' | undefined;
  readonly testId: string;
}

/** One counter; the whole card is a button that opens the list it counted. */
export function FigureCard({ label, figure, hint, tone, testId }: FigureCardProps) {
  const toneClass = tone && figure.count > 0 ? ` figure-${tone}` : '';
  return (
    <li>
      <button type="button" className={`figure-card${toneClass}`} title={hint} data-testid={testId} onClick={() => openDashboardLink(figure.link)}>
        <span className="figure-label">{label}</span>
        <span className="figure-count" data-testid={`${testId}-count`}>
          {figure.count.toLocaleString()}
        </span>
        <span className="visually-hidden">. {hint} Opens the list.</span>
      </button>
    </li>
  );
}
