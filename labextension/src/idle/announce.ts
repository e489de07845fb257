import type { IdleSettingsNote } from '../generated/api-types';

/**
 * The change of a shared space's idle settings that this tab should announce: a new one
 * (not the one it saw first, at page load) made by someone else. Pure, for tests.
 */
export function changeToAnnounce(
  seen: string | null | undefined,
  note: IdleSettingsNote | null,
  you: string | null
): IdleSettingsNote | null {
  if (seen === undefined || !note || note.at === seen) {
    return null; // first answer, nothing changed, or nothing new
  }
  return note.by && note.by.name === you ? null : note;
}
