/**
 * First file of the registration for origins protected only inside a protected page
 * (`embeddedSites`): it runs just before `content.js` in the same isolated world and tells it
 * to ask the background whether this frame's tab has a protected top page before it reviews
 * anything. Nothing else; the page cannot see or set it (it lives in the isolated world).
 * The symbol is `EMBEDDED_ONLY` of `embedded-gate.ts`, spelt out to keep this file tiny.
 */
(globalThis as typeof globalThis & Record<symbol, unknown>)[Symbol.for('upload-guard.embedded-only')] = true;
