/** Milliseconds since the epoch. Injected so that throttling can be tested without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
