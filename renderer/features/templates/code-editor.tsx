import { useId, useRef, type RefObject } from 'react';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';

/** Must match .code-editor's line-height in app.css: the gutter and jumps are computed from it. */
const LINE_HEIGHT_PX = 20;

interface CodeEditorProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly diagnostics: readonly TemplateDiagnostic[];
  readonly textareaRef: RefObject<HTMLTextAreaElement | null>;
  readonly readOnly?: boolean;
  /** Ids of elements that describe the body (the problems list). */
  readonly describedBy?: string | undefined;
}

/**
 * A monospace textarea with a line-number gutter that marks lines with problems. The gutter is
 * decoration (aria-hidden): the problems list beside it is what assistive technology reads.
 */
export function CodeEditor({ label, value, onChange, diagnostics, textareaRef, readOnly, describedBy }: CodeEditorProps) {
  const id = useId();
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;
  const worst = new Map<number, 'error' | 'warning'>();
  for (const d of diagnostics) if (worst.get(d.line) !== 'error') worst.set(d.line, d.severity);

  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <div className="code-editor">
        <div ref={gutter} className="code-gutter" aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => {
            const mark = worst.get(i + 1);
            return (
              <div key={i} className={mark ? `gutter-line gutter-${mark}` : 'gutter-line'} data-line={i + 1} data-severity={mark}>
                {mark && <span className="gutter-mark">{mark === 'error' ? '●' : '▲'}</span>}
                {i + 1}
              </div>
            );
          })}
        </div>
        <textarea
          id={id}
          ref={textareaRef}
          className="code-text"
          value={value}
          readOnly={readOnly}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={diagnostics.some((d) => d.severity === 'error') || undefined}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
    </div>
  );
}

/** Puts the caret at line:column (1-based), selects the problem's span and scrolls it into view. */
export function jumpTo(textarea: HTMLTextAreaElement, line: number, column: number, length = 0): void {
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += (lines[i]?.length ?? 0) + 1;
  const lineLength = lines[line - 1]?.length ?? 0;
  const start = offset + Math.min(column - 1, lineLength);
  textarea.focus();
  textarea.setSelectionRange(start, Math.min(start + length, offset + lineLength));
  textarea.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT_PX);
}
