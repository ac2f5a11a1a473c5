/**
 * What reads the lines an SSH or Telnet template sends on a device: a POSIX shell (bash, sh, ksh:
 * a command line shows in the process list and the shell history, so secrets are typed only at the
 * prompt that asks for them and values on command lines need `|sh`), or a network CLI (Cisco IOS,
 * JunOS, FortiOS, VRP...: no process list or history, the secret goes on the configuration line,
 * as `enable secret [#NEW_PASSWORD#]`, and shell quotes would be taken literally).
 *
 * It is a property of the device, not of the template: one template may serve many devices and only
 * the device knows what it runs. Operators set it on the device; when they have not, it follows the
 * device's type and vendor (inferDeviceShell), and a device that says nothing is a POSIX shell, the
 * side that refuses secrets on command lines.
 */
export const DEVICE_SHELLS = ['posix', 'network-cli'] as const;
export type DeviceShell = (typeof DEVICE_SHELLS)[number];

export const DEVICE_SHELL_LABELS: Readonly<Record<DeviceShell, string>> = {
  posix: 'POSIX shell (Linux, Unix)',
  'network-cli': 'Network CLI (Cisco, Juniper, Huawei, Fortinet...)',
};

// Vendors whose devices' SSH side is a configuration CLI, matched as whole words of the vendor.
const NETWORK_VENDORS = /\b(cisco|juniper|junos|huawei|fortinet|fortigate|3com|h3c|hpe? ?networking|aruba|alcatel|nokia|brocade|extreme|mikrotik|zte|ericsson|allied ?telesis|d-?link|tp-?link|netgear|palo ?alto|sonicwall|watchguard|ubiquiti|arista)\b/i;
// Device types that are network gear whatever the vendor.
const NETWORK_TYPES = /\b(switch|router|firewall|network|access point|wireless controller|load balancer)\b/i;

export function isDeviceShell(value: unknown): value is DeviceShell {
  return (DEVICE_SHELLS as readonly unknown[]).includes(value);
}

/** The shell a device's type and vendor suggest, for a device whose shell was not set. */
export function inferDeviceShell(type: string | null | undefined, vendor: string | null | undefined): DeviceShell {
  if (vendor && NETWORK_VENDORS.test(vendor)) return 'network-cli';
  if (type && NETWORK_TYPES.test(type)) return 'network-cli';
  return 'posix';
}

/** The shell that decides at run time: the one set on the device, else the inferred one. */
export function effectiveDeviceShell(device: { readonly shell: DeviceShell | null; readonly type: string | null; readonly vendor: string | null }): DeviceShell {
  return device.shell ?? inferDeviceShell(device.type, device.vendor);
}
