import { describe, expect, it } from 'vitest';
import { effectiveDeviceShell, inferDeviceShell } from '../../../shared/domain/device-shell';

describe('the device shell', () => {
  it('follows the vendor, then the type; a device that says nothing is a POSIX shell', () => {
    expect(inferDeviceShell('Router', 'Cisco')).toBe('network-cli');
    expect(inferDeviceShell(null, 'Juniper Networks')).toBe('network-cli');
    expect(inferDeviceShell(null, 'Fortinet')).toBe('network-cli');
    expect(inferDeviceShell('Core switch', null)).toBe('network-cli');
    expect(inferDeviceShell('Linux', 'Debian')).toBe('posix');
    expect(inferDeviceShell(null, null)).toBe('posix');
    // Whole words only: a vendor that merely contains a name is not network gear.
    expect(inferDeviceShell('Server', 'Franciscoware')).toBe('posix');
  });

  it('what is set on the device wins over the inference, both ways', () => {
    expect(effectiveDeviceShell({ shell: 'posix', type: 'Router', vendor: 'Cisco' })).toBe('posix');
    expect(effectiveDeviceShell({ shell: 'network-cli', type: 'Linux', vendor: null })).toBe('network-cli');
    expect(effectiveDeviceShell({ shell: null, type: 'Firewall', vendor: null })).toBe('network-cli');
  });
});
