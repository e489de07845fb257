import { requestAPI } from '../request';

/** Mirrors `jupyter_dsws/idle/models.py`. */
export interface IIdleSettings {
  enabled: boolean;
  timeout_minutes: number;
  app_shutdown: boolean;
  keep_terminals: boolean;
  cull_connected: boolean;
  dry_run: boolean;
  warning_minutes: number;
  min_timeout_minutes: number;
  max_timeout_minutes: number;
  user_can_change: boolean;
}

/** What a person may change from the panel; everything else is the admin's. */
export type PersonSettings = Partial<
  Pick<IIdleSettings, 'timeout_minutes' | 'keep_terminals'>
>;

export interface IIdleResource {
  kind: 'kernel' | 'terminal';
  id: string;
  name: string;
  state: string;
  idle_seconds: number;
  connections: number;
  shutdown_at: string | null;
}

/** Why and when the app stops: what the page says once the connection is gone. */
export interface IIdleStop {
  cause: 'idle' | 'requested';
  at: string;
  /** How long nothing ran and nobody was active (an idle stop). */
  idle_seconds: number;
  reason: string;
  /** What a person does to start the app again. */
  restart: string;
}

export interface IIdleApp {
  idle_seconds: number;
  shutdown_at: string | null;
  target: 'studio-app' | 'server';
  stopping: boolean;
  stop_id: string | null;
  stop: IIdleStop | null;
}

export interface IIdleState {
  settings: IIdleSettings;
  resources: IIdleResource[];
  app: IIdleApp;
}

export interface IIdleEvent {
  time: string;
  action: 'warn' | 'shutdown' | 'keep' | 'error';
  kind: 'kernel' | 'terminal' | 'app';
  id: string;
  name: string;
  reason: string;
  idle_seconds: number;
  dry_run: boolean;
}

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
  const body = await requestAPI<{ events: IIdleEvent[] }>(
    `idle/events?limit=${limit}`
  );
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
