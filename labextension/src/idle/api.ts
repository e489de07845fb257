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
import { requestAPI } from '../request';

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

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function fetchIdle(client: string): Promise<IIdleState> {
  return requestAPI<IIdleState>(`idle?client=${encodeURIComponent(client)}`);
}

export function updateIdleSettings(settings: PersonSettings): Promise<IIdleState> {
  return requestAPI<IIdleState>('idle', {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({ settings })
  });
}

export async function fetchIdleEvents(limit = 20): Promise<IIdleEvent[]> {
  const body = await requestAPI<IdleEvents>(`idle/events?limit=${limit}`);
  return body.events;
}

/** A person did something in this tab (a key, a click, a scroll): the idle clock restarts. */
export function reportActivity(client: string): Promise<IIdleState> {
  return requestAPI<IIdleState>('idle/activity', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ client })
  });
}

export function keepWorking(client: string): Promise<IIdleState> {
  return requestAPI<IIdleState>('idle/keep', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ client })
  });
}

export async function confirmSaved(client: string, stopId: string): Promise<void> {
  await requestAPI<null>('idle/saved', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ client, stop_id: stopId })
  });
}
