/** The three thin adapters around the one core, plus the core itself acting on its own. */
export const SHELLS = ['desktop', 'host', 'cli', 'system'] as const;
export type Shell = (typeof SHELLS)[number];
