import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface VirtualColumn {
  readonly header: ReactNode;
  /** A CSS grid track, e.g. "minmax(120px, 1fr)" or "90px". */
  readonly width: string;
}

interface VirtualTableProps {
  readonly label: string;
  readonly columns: readonly VirtualColumn[];
  readonly rowCount: number;
  /** The cells of row `index`, one per column. */
  readonly renderRow: (index: number) => readonly ReactNode[];
  readonly rowKey?: (index: number) => string | number;
  readonly rowClassName?: (index: number) => string | undefined;
  readonly rowHeight?: number;
  /** The scroller's height in px; rows beyond it are not in the DOM. */
  readonly height?: number;
  readonly testId?: string;
}

/**
 * A read-only table (ARIA table roles on divs) whose body renders only the rows in view: a bulk
 * review or report can hold 10,000 credentials and must not build 10,000 DOM rows. aria-rowcount
 * and aria-rowindex tell assistive technology how many rows there are and where each one sits.
 */
export function VirtualTable({ label, columns, rowCount, renderRow, rowKey, rowClassName, rowHeight = 32, height = 320, testId }: VirtualTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const template = columns.map((c) => c.width).join(' ');
  const bodyHeight = Math.min(height, Math.max(rowCount, 1) * rowHeight);

  return (
    <div className="virtual-table" role="table" aria-label={label} aria-rowcount={rowCount + 1} data-testid={testId}>
      <div role="rowgroup" className="virtual-head">
        <div role="row" aria-rowindex={1} className="virtual-row" style={{ gridTemplateColumns: template }}>
          {columns.map((column, i) => (
            <div key={i} role="columnheader" className="virtual-cell">
              {column.header}
            </div>
          ))}
        </div>
      </div>
      {/* The scroller is focusable so keyboard users can scroll a long list. */}
      <div ref={scroller} className="virtual-scroller" style={{ height: bodyHeight }} tabIndex={0} aria-label={`${label}: scroll`} role="rowgroup">
        <div className="virtual-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const extra = rowClassName?.(item.index);
            return (
              <div
                key={rowKey ? rowKey(item.index) : item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={extra ? `virtual-row ${extra}` : 'virtual-row'}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {renderRow(item.index).map((cell, i) => (
                  <div key={i} role="cell" className="virtual-cell">
                    {cell}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
