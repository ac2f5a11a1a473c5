import { createApiClient, type ApiClient } from './api-client';
import { selectTransport } from './select-transport';

/** The app's single api client, created on first use. */
let client: ApiClient | undefined;

export function api(): ApiClient {
  client ??= createApiClient(selectTransport());
  return client;
}
