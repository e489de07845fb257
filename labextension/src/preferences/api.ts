import type { PersonalPreferences, PreferencesChange } from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

export type IPersonalPreferences = PersonalPreferences;
export type IPreferencesChange = PreferencesChange;

/** The asking person's own preferences (`dsws/preferences`). */
export interface IPreferencesApi {
  get(): Promise<IPersonalPreferences>;
  change(change: IPreferencesChange): Promise<IPersonalPreferences>;
}

export const SERVER_PREFERENCES: IPreferencesApi = {
  get: () => getAPI('preferences'),
  change: change => sendAPI('PATCH', 'preferences', change)
};
