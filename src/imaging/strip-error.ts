/**
 * Why a lossless strip could not be done. `unsupported-type` tells the caller to re-encode
 * instead; `truncated` and `malformed` mean the file is damaged, and the caller must not
 * pretend a clean copy exists.
 */
export type StripErrorCode = 'unsupported-type' | 'truncated' | 'malformed';

export class StripError extends Error {
  override readonly name = 'StripError';
  constructor(
    readonly code: StripErrorCode,
    message: string,
  ) {
    super(message);
  }
}
