import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clampWidth } from './use-table-layout';

interface ColumnResizeHandleProps {
  readonly label: string;
  readonly width: number;
  /** While dragging: the width to draw (not yet saved). */
  readonly onPreview: (width: number | undefined) => void;
  /** Drag ended or a key was pressed: the width to keep. */
  readonly onCommit: (width: number) => void;
  /** -1 inside the credentials grid, which is one tab stop; 0 elsewhere. */
  readonly tabIndex?: number;
}

const KEY_STEP = 16;

/**
 * The right edge of a column header: drag it (pointer) or press Left/Right on it (keyboard) to
 * change the column's width. Saving happens once, at the end of a drag, not on every pixel.
 */
export function ColumnResizeHandle({ label, width, onPreview, onCommit, tabIndex = 0 }: ColumnResizeHandleProps) {
  const start = useRef<{ readonly x: number; readonly width: number } | undefined>(undefined);
  const [dragging, setDragging] = useState(false);

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { x: event.clientX, width };
    setDragging(true);
  }
  const widthAt = (event: PointerEvent) => clampWidth((start.current?.width ?? width) + event.clientX - (start.current?.x ?? event.clientX));
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (start.current) onPreview(widthAt(event));
  }
  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (!start.current) return;
    const next = widthAt(event);
    // Against the width the drag started from: `width` already follows the preview.
    const changed = next !== start.current.width;
    start.current = undefined;
    setDragging(false);
    if (changed) onCommit(next);
    onPreview(undefined);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const delta = event.key === 'ArrowRight' ? KEY_STEP : event.key === 'ArrowLeft' ? -KEY_STEP : 0;
    if (delta === 0) return;
    event.preventDefault();
    event.stopPropagation();
    onCommit(clampWidth(width + delta));
  }

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuenow={width}
      tabIndex={tabIndex}
      className={dragging ? 'column-resizer resizing' : 'column-resizer'}
      title="Drag to resize (or Left/Right)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={onKeyDown}
    />
  );
}
