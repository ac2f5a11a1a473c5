import type { Migration } from '../migration';

/**
 * MERGE SCAFFOLD, to delete at integration: migrations 0012-0014 are being written on another
 * branch, and the registry must stay contiguous (run-migrations refuses gaps), so this branch holds
 * their places with empty steps to reach 0015. When the real 0012-0014 are merged, remove this file
 * and its spread in registry.ts; if both stay, the registry has two entries with the same id and
 * every open fails at once ("registry is out of order"), so it cannot be forgotten silently.
 */
const reserved = (id: number): Migration => ({
  id,
  name: `reserved-${id}`,
  async up() {
    // Holds the number only; the real migration of this number lives on another branch.
  },
});

export const RESERVED_0012_0014: readonly Migration[] = [reserved(12), reserved(13), reserved(14)];
