import { Button, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import type {
  IdleEvent,
  IdlePersonHere,
  IdleResourceState,
  IdleState
} from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { messageOf } from '../ui/errors';
import { ErrorAlert } from '../ui/parts';
import { formatDuration, secondsUntil } from './countdown';
import { IdleModel } from './model';
import { clockTime, stopNotice } from './notice';

function whenText(shutdownAt: string | null, now: number, never: string): string {
  const left = secondsUntil(shutdownAt, now);
  if (left === null) {
    return never;
  }
  return left <= 0 ? 'now' : `in ${formatDuration(left)}`;
}

function AppCountdown(props: { model: IdleModel; state: IdleState }): JSX.Element {
  const { settings, app } = props.state;
  const what = app.target === 'studio-app' ? 'This Studio app' : 'This server';
  const stopped = props.model.stopped;
  let text: string;
  if (stopped) {
    const { title, lines } = stopNotice(stopped);
    text = `${title}. ${lines.join(' ')}`;
  } else if (app.stopping) {
    text = `${what} is stopping: saving the open documents…`;
  } else if (!settings.enabled || !settings.app_shutdown) {
    text = `${what} is never stopped for being idle.`;
  } else if (app.shutdown_at === null) {
    text = `${what} keeps running: a kernel or terminal is working.`;
  } else {
    text =
      `${what} stops ${whenText(app.shutdown_at, Date.now(), '')} ` +
      `if nobody works in it (idle ${formatDuration(app.idle_seconds)}).`;
  }
  return (
    <div className="jp-dsws-idle-app" aria-label="App countdown">
      <p>
        {text}
        {settings.dry_run && ' Dry run: nothing is really stopped.'}
      </p>
      {settings.enabled &&
        settings.app_shutdown &&
        !stopped &&
        app.stop?.cause !== 'requested' && (
          <Button
            className="jp-mod-styled jp-mod-accept jp-dsws-button"
            onClick={() => void props.model.keep().catch(() => undefined)}
          >
            Keep working
          </Button>
        )}
    </div>
  );
}

/** Who has the space open: in a shared space, everyone the stop is for. */
function PeopleHere(props: {
  people: IdlePersonHere[];
  collaboration: boolean;
}): JSX.Element {
  const { people } = props;
  return (
    <ul className="jp-dsws-idle-people" aria-label="People here">
      {people.map(p => (
        <li key={p.name} title={p.name}>
          {p.display_name}
          {p.you ? ' (you)' : ''}
          {p.collaborating && props.collaboration ? (
            <span className="jp-dsws-muted"> · editing together</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function SettingsForm(props: { model: IdleModel; state: IdleState }): JSX.Element {
  const { settings } = props.state;
  const [timeout, setTimeoutValue] = React.useState(String(settings.timeout_minutes));
  const [keepTerminals, setKeepTerminals] = React.useState(settings.keep_terminals);
  const [message, setMessage] = React.useState<string | null>(null);
  React.useEffect(() => {
    setTimeoutValue(String(settings.timeout_minutes));
    setKeepTerminals(settings.keep_terminals);
  }, [settings.timeout_minutes, settings.keep_terminals]);

  const locked = !settings.user_can_change;
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await props.model.update({
        timeout_minutes: Number(timeout),
        keep_terminals: keepTerminals
      });
      setMessage('Saved.');
    } catch (error) {
      setMessage(messageOf(error, 'The settings could not be saved.'));
    }
  };
  return (
    <form className="jp-dsws-idle-settings" onSubmit={save} aria-label="Idle settings">
      <label>
        Stop after idle (minutes)
        <InputGroup
          className="jp-dsws-field jp-dsws-idle-timeout"
          type="number"
          min={settings.min_timeout_minutes}
          max={settings.max_timeout_minutes}
          step="any"
          value={timeout}
          disabled={locked}
          onChange={e => setTimeoutValue(e.target.value)}
        />
      </label>
      <label className="jp-dsws-checkbox">
        <input
          type="checkbox"
          checked={keepTerminals}
          disabled={locked}
          onChange={e => setKeepTerminals(e.target.checked)}
        />
        Keep idle terminals
      </label>
      <p className="jp-dsws-muted">
        {locked
          ? 'Your admin has fixed these settings.'
          : `Between ${settings.min_timeout_minutes} and ${settings.max_timeout_minutes} minutes, as your admin allows.`}{' '}
        A warning comes {settings.warning_minutes} min before the stop.
      </p>
      {!locked && (
        <Button className="jp-mod-styled jp-mod-accept jp-dsws-button" type="submit">
          Save
        </Button>
      )}
      {message && (
        <p className="jp-dsws-form-message" role="status">
          {message}
        </p>
      )}
      {props.state.last_change && (
        <p className="jp-dsws-muted" aria-label="Last change">
          {props.state.last_change.text} ({clockTime(props.state.last_change.at)})
        </p>
      )}
    </form>
  );
}

function ResourceTable(props: { resources: IdleResourceState[] }): JSX.Element {
  if (props.resources.length === 0) {
    return <p className="jp-dsws-muted">No kernels or terminals are running.</p>;
  }
  const now = Date.now();
  return (
    <table className="jp-dsws-table" aria-label="Kernels and terminals">
      <thead>
        <tr>
          <th>Name</th>
          <th>State</th>
          <th>Idle</th>
          <th>Stops</th>
        </tr>
      </thead>
      <tbody>
        {props.resources.map(r => (
          <tr key={`${r.kind}-${r.id}`}>
            <td title={`${r.kind} ${r.id}`}>
              {r.kind === 'terminal' ? `Terminal ${r.name}` : r.name}
            </td>
            <td>{r.state}</td>
            <td>{formatDuration(r.idle_seconds)}</td>
            <td>{whenText(r.shutdown_at, now, 'never')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventList(props: { events: IdleEvent[] }): JSX.Element {
  if (props.events.length === 0) {
    return <p className="jp-dsws-muted">Nothing has been stopped yet.</p>;
  }
  return (
    <ul className="jp-dsws-events" aria-label="Recent idle events">
      {props.events.map(e => (
        <li key={`${e.time}-${e.action}-${e.id}`} title={e.reason}>
          <span className="jp-dsws-muted">{new Date(e.time).toLocaleTimeString()}</span>{' '}
          {e.action} {e.kind} {e.name}
          {e.person ? ` by ${e.person.display_name}` : ''}
          {e.dry_run ? ' (dry run)' : ''}
        </li>
      ))}
    </ul>
  );
}

/** The "Idle shutdown" section of the sidebar. */
/** The Idle shutdown panel: the countdown, the settings, what runs, what was stopped. */
export function IdlePanel(props: { model: IdleModel }): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  const state = model.state;
  return (
    <div className="jp-dsws-section">
      <ErrorAlert message={model.error} />
      {!state ? (
        <p className="jp-dsws-muted">Checking…</p>
      ) : (
        <>
          <AppCountdown model={model} state={state} />
          {state.people.length > 1 && (
            <>
              <h3 className="jp-dsws-section-title">Here now</h3>
              <p className="jp-dsws-muted">
                The app stops only when none of them has worked for the timeout; everyone
                is warned, and anyone&apos;s Keep working keeps it for all.
              </p>
              <PeopleHere people={state.people} collaboration={state.collaboration} />
            </>
          )}
          <h3 className="jp-dsws-section-title">Settings</h3>
          <SettingsForm model={model} state={state} />
          <h3 className="jp-dsws-section-title">Kernels and terminals</h3>
          <ResourceTable resources={state.resources} />
          <h3 className="jp-dsws-section-title">Recent events</h3>
          <EventList events={model.events} />
        </>
      )}
    </div>
  );
}
