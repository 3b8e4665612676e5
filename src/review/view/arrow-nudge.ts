import type { Nudge } from '../review-state';

export const NUDGE = 4;
export const NUDGE_FAST = 24;

const DIRECTION: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** An arrow key on a box: a nudge of 4 px (24 with Alt); Shift sizes instead of moving. Other keys: none. */
export function arrowNudge(key: { key: string; altKey: boolean; shiftKey: boolean }): Nudge | undefined {
  const d = DIRECTION[key.key];
  if (!d) return undefined;
  const step = key.altKey ? NUDGE_FAST : NUDGE;
  return { dx: d[0] * step, dy: d[1] * step, resize: key.shiftKey };
}
