/** What each photo of a review becomes when the person presses "Upload protected copy". */
export type PhotoChoice = 'protected' | 'as-is' | 'skip';

export interface PlannedFile {
  /** The held photo this file replaces (the content script's `from`). */
  from: number;
  use: 'original' | 'protected';
}

/**
 * Pure: photos left out send nothing; "as is" sends the original only where the person (or
 * their clinic's policy) allows it, else the protected copy; the order of the held photos is kept.
 */
export function planDelivery(choices: readonly PhotoChoice[], allowAsIs: boolean): PlannedFile[] {
  return choices.flatMap((choice, from): PlannedFile[] => {
    if (choice === 'skip') return [];
    return [{ from, use: choice === 'as-is' && allowAsIs ? 'original' : 'protected' }];
  });
}
