import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'fixtures', 'safety-net-child.ts');

function run(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('installProcessSafetyNet', () => {
  it('logs a lost promise and goes on; logs an uncaught exception, closes the vault and exits 1; never logs secrets or error objects', async () => {
    const { code, stderr } = await run();
    expect(code).toBe(1);
    const events = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event: string; errorMessage?: string; stack?: string });
    expect(events.map((e) => e.event)).toEqual(['process.unhandled_rejection', 'process.uncaught_exception']);
    expect(events[0]?.errorMessage).toBe('lost promise: password=[redacted]');
    expect(events[1]?.errorMessage).toBe('crash with [redacted] inside');
    expect(events[1]?.stack).toContain('safety-net-child.ts');
    expect(stderr).toContain('STILL-RUNNING-AFTER-REJECTION');
    expect(stderr).toContain('FATAL-CLOSE-RAN');
    expect(stderr).not.toContain('NOT-REACHED');
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toContain('b3BlbnNzaC1rZXk');
    expect(stderr).not.toContain('attached-secret-field');
  }, 30_000);
});
