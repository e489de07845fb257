import type {
  IdleAppState,
  IdleAppStop,
  IdleEvent,
  IdleEvents,
  IdlePersonHere,
  IdleResourceState,
  IdleSettings,
  IdleSettingsChange,
  IdleSettingsNote,
  IdleState
} from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IIdleSettings = IdleSettings;
/** What a person may change from the panel (null: the admin's default again). */
export type PersonSettings = IdleSettingsChange;
export type IIdleResource = IdleResourceState;
export type IIdleApp = IdleAppState;
export type IIdleState = IdleState;
export type IIdleEvent = IdleEvent;
export type IIdleStop = IdleAppStop;
/** Someone who has the space open now (a shared space has several). */
export type IPersonHere = IdlePersonHere;
export type ISettingsNote = IdleSettingsNote;

export function fetchIdle(client: string): Promise<IIdleState> {
  return getAPI(`idle?client=${encodeURIComponent(client)}`);
}

export function updateIdleSettings(settings: PersonSettings): Promise<IIdleState> {
  return sendAPI('PUT', 'idle', { settings });
}

export async function fetchIdleEvents(limit = 20): Promise<IIdleEvent[]> {
  const body = await getAPI<IdleEvents>(`idle/events?limit=${limit}`);
  return body.events;
}

/** A person did something in this tab (a key, a click, a scroll): the idle clock restarts. */
export function reportActivity(client: string): Promise<IIdleState> {
  return sendAPI('POST', 'idle/activity', { client });
}

export function keepWorking(client: string): Promise<IIdleState> {
  return sendAPI('POST', 'idle/keep', { client });
}

export async function confirmSaved(client: string, stopId: string): Promise<void> {
  await sendAPI<null>('POST', 'idle/saved', { client, stop_id: stopId });
}
