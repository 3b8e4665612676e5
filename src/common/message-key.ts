import type en from '../../public/_locales/en/messages.json';

/**
 * The name of a message in `_locales`: English is the complete set, so a key that is not
 * there is a type error wherever words are chosen (pure code included; this file has no
 * runtime part).
 */
export type MessageKey = keyof typeof en;
