/**
 * device_domain is "testlab.com,demo.lab.com": commas and no spaces (seed 004, error 1029). A list
 * with spaces or empty entries is a format error, reported with the same 1029 as an unknown domain.
 */
export type DeviceDomainListParse =
  | { readonly ok: true; readonly names: readonly string[] }
  | { readonly ok: false; readonly detail: string };

export const DOMAIN_NAME_PATTERN = /^[^\s,]+$/;

export function parseDeviceDomainList(text: string): DeviceDomainListParse {
  if (text === '') return { ok: true, names: [] };
  const names = text.split(',');
  const bad = names.find((name) => !DOMAIN_NAME_PATTERN.test(name));
  if (bad !== undefined) {
    return {
      ok: false,
      detail: `device_domain "${text}" is malformed: separate domains with commas and no spaces.`,
    };
  }
  return { ok: true, names: [...new Set(names)] };
}
