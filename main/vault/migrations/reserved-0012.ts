import type { Migration } from '../migration';

/**
 * MERGE SCAFFOLD, to delete at integration: migration 0012 (users.created_by) is written on another
 * branch, and the registry must stay contiguous (run-migrations refuses gaps), so this branch holds
 * its place with an empty step to reach 0013. When the real 0012 is merged, remove this file and its
 * entry in registry.ts; if both stay, two entries share id 12 and every open fails at once
 * ("registry is out of order"), so it cannot be forgotten silently.
 */
export const RESERVED_0012: Migration = {
  id: 12,
  name: 'reserved-12',
  async up() {
    // Holds the number only; the real migration 0012 lives on another branch.
  },
};
