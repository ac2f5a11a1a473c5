/** The Apply / Clear pair at the end of a filter form (the form's submit applies). */
export function FilterActions({ onClear }: { readonly onClear: () => void }) {
  return (
    <>
      <button type="submit" className="primary">
        Apply filters
      </button>
      <button type="button" className="secondary" onClick={onClear}>
        Clear filters
      </button>
    </>
  );
}
