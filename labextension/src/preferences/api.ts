import type { PersonalPreferences, PreferencesChange } from '../generated/api-types';
import { requestAPI } from '../request';

export type IPersonalPreferences = PersonalPreferences;
export type IPreferencesChange = PreferencesChange;

/** The asking person's own preferences (`dsws/preferences`). */
export interface IPreferencesApi {
  get(): Promise<IPersonalPreferences>;
  change(change: IPreferencesChange): Promise<IPersonalPreferences>;
}

export const SERVER_PREFERENCES: IPreferencesApi = {
  get: () => requestAPI<IPersonalPreferences>('preferences', { method: 'GET' }),
  change: change =>
    requestAPI<IPersonalPreferences>('preferences', {
      method: 'PATCH',
      body: JSON.stringify(change)
    })
};
