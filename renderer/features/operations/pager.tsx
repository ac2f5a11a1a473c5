import { OPERATIONS_PAGE_SIZE } from '../../stores/operations-store';

interface PagerProps {
  /** What the rows are, for the buttons' names, e.g. "operations". */
  readonly noun: string;
  readonly page: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
}

/** Previous/next over a server-side list, with where we are in words. */
export function Pager({ noun, page, total, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / OPERATIONS_PAGE_SIZE));
  const first = total === 0 ? 0 : page * OPERATIONS_PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * OPERATIONS_PAGE_SIZE);
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <button type="button" className="secondary" disabled={page === 0} onClick={() => onPage(page - 1)} aria-label={`Previous page of ${noun}`}>
        Previous
      </button>
      <span className="muted">
        {first}–{last} of {total.toLocaleString()} {noun}
      </span>
      <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)} aria-label={`Next page of ${noun}`}>
        Next
      </button>
    </nav>
  );
}
