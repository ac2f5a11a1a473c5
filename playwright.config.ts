import { defineConfig } from '@playwright/test';

/**
 * e2e runs the same specs against two shells: the headless host in Debian's Chromium (always), and
 * the real Electron app wherever an Electron binary is installed (the fixture skips it, saying why,
 * elsewhere). Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Files two at a time, the tests of one file in order: every test starts its own host (a free
  // port, its own data dir) and its own targets, so files share nothing. Much of a spec's time is
  // waiting (idle lock, runner back-offs, servers starting): two at once took this stage from 6.6 to
  // 3.3 minutes on a 2-core machine.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'host-chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['PAMDESK_CHROMIUM'] ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    // After the host project: launching Electron switches native modules to its ABI.
    { name: 'electron', dependencies: ['host-chromium'] },
  ],
});
