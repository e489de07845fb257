import type { PersonalPreferences, PreferencesChange } from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

/** The asking person's own preferences (`dsws/preferences`). */
export interface IPreferencesApi {
  get(): Promise<PersonalPreferences>;
  change(change: PreferencesChange): Promise<PersonalPreferences>;
}

export const SERVER_PREFERENCES: IPreferencesApi = {
  get: () => getAPI('preferences'),
  change: change => sendAPI('PATCH', 'preferences', change)
};
