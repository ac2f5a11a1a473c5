/**
 * A device's connectivities as "protocol:port" entries, e.g. "SSH:22,RDP:3389". Parsed here so the
 * executor can find the SSH port and the editor can validate as the operator types.
 */
export interface Connectivity {
  readonly protocol: string;
  readonly port: number;
}

export type ConnectivityListParse =
  | { readonly ok: true; readonly connectivities: readonly Connectivity[] }
  | { readonly ok: false; readonly detail: string };

const ENTRY = /^([A-Za-z][A-Za-z0-9 _+.-]*):(\d{1,5})$/;

export function parseConnectivityList(text: string): ConnectivityListParse {
  const connectivities: Connectivity[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = ENTRY.exec(entry);
    const port = match?.[2] === undefined ? NaN : Number(match[2]);
    if (match?.[1] === undefined || !(port >= 1 && port <= 65535)) {
      return {
        ok: false,
        detail: `connectivity "${entry}" is not "protocol:port" with a port from 1 to 65535, e.g. SSH:22.`,
      };
    }
    connectivities.push({ protocol: match[1].trim(), port });
  }
  return { ok: true, connectivities };
}

export function formatConnectivityList(connectivities: readonly Connectivity[]): string {
  return connectivities.map((c) => `${c.protocol}:${c.port}`).join(',');
}
