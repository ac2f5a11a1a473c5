import { z } from 'zod';
import { DEVICE_SHELLS } from './device-shell';
import { hostnameSchema, ipSchema, optionalLabel, tagListText } from './field-schemas';

/** OpenSSH's SHA-256 host-key fingerprint: "SHA256:" and 43 unpadded base64 characters. */
export const HOST_KEY_FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * A device as registered by an operator: found by hostname + ip, created if new, updated
 * otherwise. Field names follow seed 004's device fields (type, vendor, model, site, device_domain,
 * device_tags, connectivities) so one form serves both. Absent keeps, null clears.
 */
export const deviceInputSchema = z.object({
  hostname: z.string().trim().min(1, "The device's hostname was not informed").pipe(hostnameSchema()),
  ip: z.string().trim().min(1, "The device's IP was not informed").pipe(ipSchema()),
  type: optionalLabel('device type'),
  vendor: optionalLabel('vendor'),
  model: optionalLabel('model'),
  site: optionalLabel('site'),
  /** Registered domain names, comma separated without spaces. */
  device_domain: optionalLabel('device domain list', 2000),
  device_tags: tagListText('device tags').nullish(),
  /** "protocol:port" entries, comma separated, e.g. "SSH:22,RDP:3389". */
  connectivities: optionalLabel('connectivities', 2000),
  /** Pinned SSH host key; a different key presented by the device fails the connection. */
  host_key_fingerprint: z
    .string()
    .regex(HOST_KEY_FINGERPRINT_PATTERN, 'host_key_fingerprint must look like SHA256:<43 base64 characters>')
    .nullish(),
  /**
   * What its SSH side runs: posix or network-cli; null clears it (then it follows type and vendor).
   * Decides whether a secret may go on a command line (refused on a POSIX shell).
   */
  shell: z.enum(DEVICE_SHELLS, { message: `shell must be one of ${DEVICE_SHELLS.join(', ')} (or null to follow the type and vendor)` }).nullish(),
});

export type DeviceInput = z.input<typeof deviceInputSchema>;
export type ParsedDeviceInput = z.output<typeof deviceInputSchema>;
