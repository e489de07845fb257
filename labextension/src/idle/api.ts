import type {
  IdleEvent,
  IdleEvents,
  IdleSettingsChange,
  IdleState
} from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models).
/** What a person may change from the panel (null: the admin's default again). */
export type PersonSettings = IdleSettingsChange;
/** Someone who has the space open now (a shared space has several). */

export function fetchIdle(client: string): Promise<IdleState> {
  return getAPI(`idle?client=${encodeURIComponent(client)}`);
}

export function updateIdleSettings(settings: PersonSettings): Promise<IdleState> {
  return sendAPI('PUT', 'idle', { settings });
}

export async function fetchIdleEvents(limit = 20): Promise<IdleEvent[]> {
  const body = await getAPI<IdleEvents>(`idle/events?limit=${limit}`);
  return body.events;
}

/** A person did something in this tab (a key, a click, a scroll): the idle clock restarts. */
export function reportActivity(client: string): Promise<IdleState> {
  return sendAPI('POST', 'idle/activity', { client });
}

export function keepWorking(client: string): Promise<IdleState> {
  return sendAPI('POST', 'idle/keep', { client });
}

export async function confirmSaved(client: string, stopId: string): Promise<void> {
  await sendAPI<null>('POST', 'idle/saved', { client, stop_id: stopId });
}
