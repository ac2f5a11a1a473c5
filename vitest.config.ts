import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Most files wait on real servers (sshd, telnetd, rsyslog, keyring, databases), not on the CPU:
    // vitest's default of cores-1 runs one file at a time on CI's 2 cores. Three at once ran the unit
    // stage in 448 s on a quiet 2-core machine, every file passing (one at a time: about 10 minutes).
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
