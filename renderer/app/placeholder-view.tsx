import { VIEWS, type ViewId } from './views';

/** The frame's stand-in for a view whose feature has not landed yet: it says what will be here. */
export function PlaceholderView({ view }: { readonly view: ViewId }) {
  const spec = VIEWS.find((item) => item.id === view);
  return (
    <section className="empty-state" aria-labelledby="view-title">
      <h1 id="view-title">{spec?.label}</h1>
      <p>{spec?.hint}</p>
      <p className="muted">This view is not available in this build yet.</p>
    </section>
  );
}
