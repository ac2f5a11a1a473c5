import { protocol } from 'electron';
import { readRendererFile } from '../host/static-files';
import { securityHeaders } from '../security/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'pamdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

/**
 * Serves the built renderer from app://pamdesk/ instead of file://, so the page has a real origin
 * for the CSP and the sender check, and cannot read arbitrary files.
 */
export function serveRendererFrom(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { 'Content-Type': file.contentType, ...securityHeaders() } });
  });
}
