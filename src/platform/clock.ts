/** Where services read the time: the system's in production, a fixed one in tests. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };
