import type { Box } from '../../common/findings';

/**
 * A weak face detection in a colour photo where nothing has the hue of skin is not a face.
 *
 * Skin of every tone, lit by daylight or lamps, is warm: red above green, green not far under
 * blue or above it (R > G ≥ 0.9 B). What changes from one person to another is how light and
 * how saturated it is, not that order, and a dim room keeps it (the fixtures' dimmed stress
 * set: warm share 0.94–1.0). The face detector's weakest false alarms on the real-photo corpus
 * and the fixtures are not warm at all: a leafless flower bed, a damaged JPEG's smeared block,
 * a name badge (warm share 0.0–0.1, scores 0.53–0.63), while the weakest real faces in colour
 * photos are (0.37–1.0: a dim room, a mask, a screenshot). Grey pictures have no hue to read,
 * so they are never judged by it. Pure: RGBA pixels in.
 */

/** Detections scoring at least this are kept whatever their colour. */
export const HUE_CHECK_BELOW = 0.65;
/** A weak detection needs this share of warm pixels in the middle of its box. */
export const MIN_WARM_SHARE = 0.2;
/** Mean |R − G| + |G − B| (0–510) from which a picture counts as being in colour. */
export const MIN_COLOUR = 5;

/** Mean of `f` over RGBA pixels (0 for none). */
function meanOver(rgba: Uint8Array | Uint8ClampedArray, f: (r: number, g: number, b: number) => number): number {
  const n = Math.floor(rgba.length / 4);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!);
  return n === 0 ? 0 : sum / n;
}

/** Mean |R − G| + |G − B| over RGBA pixels: 0 for a grey picture. */
export const colourfulness = (rgba: Uint8Array | Uint8ClampedArray): number => meanOver(rgba, (r, g, b) => Math.abs(r - g) + Math.abs(g - b));

/** Share of RGBA pixels with the hue of skin (R > G ≥ 0.9 B). */
export const warmShare = (rgba: Uint8Array | Uint8ClampedArray): number => meanOver(rgba, (r, g, b) => (r > g && g >= 0.9 * b ? 1 : 0));

/** The middle of a face box (a fifth off each side: eyes to mouth, no hair or background). */
export function faceMiddle([x, y, w, h]: Box): Box {
  return [x + w / 5, y + h / 5, (w * 3) / 5, (h * 3) / 5];
}

/**
 * Whether a detection stays: strong ones always, weak ones in a colour photo only when the
 * middle of their box is warm enough. `colour` gives the photo's colourfulness and `middle`
 * the RGBA pixels of a box of it; neither is asked for a strong detection (the faces shown
 * first are usually strong, and reading pixels back is not free).
 */
export function keepsFace(score: number, box: Box, colour: () => number, middle: (box: Box) => Uint8Array | Uint8ClampedArray): boolean {
  if (score >= HUE_CHECK_BELOW || colour() < MIN_COLOUR) return true;
  return warmShare(middle(faceMiddle(box))) >= MIN_WARM_SHARE;
}
