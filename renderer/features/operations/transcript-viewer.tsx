interface TranscriptViewerProps {
  /** Names the region, e.g. "Transcript of attempt 1 of OP-000001". */
  readonly label: string;
  /** Already masked by main: secrets never reach the renderer. */
  readonly transcript: string;
}

/** A masked session transcript: monospace, scrollable, reachable with the keyboard to scroll. */
export function TranscriptViewer({ label, transcript }: TranscriptViewerProps) {
  if (transcript.trim() === '') return <p className="muted">No transcript was recorded for this attempt (it ended before connecting).</p>;
  return (
    // tabIndex: a scrollable region must be focusable so keyboard users can scroll it.
    <pre className="transcript" role="region" aria-label={label} tabIndex={0}>
      {transcript}
    </pre>
  );
}
