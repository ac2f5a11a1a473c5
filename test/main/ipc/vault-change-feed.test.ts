import { describe, expect, it } from 'vitest';
import { changedKindsOf } from '../../../main/audit/audit-change-kinds';
import { createEventBus } from '../../../main/ipc/event-bus';
import { createVaultChangeFeed } from '../../../main/ipc/vault-change-feed';

describe('the vault change feed', () => {
  it('sends one event for a burst, in the declared order, and flushes what is pending at once', async () => {
    const bus = createEventBus();
    const heard: unknown[] = [];
    bus.subscribe((name, payload) => heard.push([name, payload]));
    const feed = createVaultChangeFeed(bus, 20);
    feed.changed(changedKindsOf('credential.update'));
    feed.changed(changedKindsOf('bulk.apply'));
    feed.changed(changedKindsOf('device.update'));
    expect(heard).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(heard).toEqual([['vault.changed', { kinds: ['credential', 'device', 'operation', 'bulk', 'audit'] }]]);
    feed.changed(changedKindsOf('session.sign_in'));
    feed.flush();
    expect(heard.at(-1)).toEqual(['vault.changed', { kinds: ['user', 'audit'] }]);
    feed.flush();
    expect(heard).toHaveLength(2);
  });

  it('reads the kinds from the action, and always the trail itself', () => {
    expect(changedKindsOf('credential.reveal')).toEqual(['audit']);
    expect(changedKindsOf('template.update')).toEqual(['template', 'credential', 'audit']);
    expect(changedKindsOf('something.new')).toEqual(['audit']);
  });
});
