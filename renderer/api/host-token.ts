import { HOST_TOKEN_FRAGMENT } from '../../shared/contract/wire';

const STORAGE_KEY = 'pamdesk.hostToken';

/**
 * The host's per-run token: read once from the URL `pamdesk serve` printed (fragment, or an older
 * query form), kept for this tab only (sessionStorage survives a reload, not the tab), and removed
 * from the address bar so it is not left on screen or in history.
 */
export function takeHostToken(location: Location, history: History, storage: Storage): string | undefined {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get(HOST_TOKEN_FRAGMENT);
  const query = new URLSearchParams(location.search);
  const fromUrl = fromFragment ?? query.get(HOST_TOKEN_FRAGMENT);
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    query.delete(HOST_TOKEN_FRAGMENT);
    const search = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
  }
  return storage.getItem(STORAGE_KEY) ?? undefined;
}
