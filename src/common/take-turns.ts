/**
 * Resolves after what is already queued on this thread has run (a task, not a microtask):
 * the checks of one worker share its one thread, so a long synchronous step ends with this.
 */
export const takeTurns = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
