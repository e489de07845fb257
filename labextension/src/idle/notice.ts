import type { IdleAppState, IdlePersonHere } from '../generated/api-types';
import { ModelFollower } from '../ui/follower';

import { formatDuration } from './countdown';
import { IdleModel } from './model';

/** "14:05": the stop's time as the person's clock shows it. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

/**
 * "Harry Potter, Ron Weasley and Hermione Granger"; past `max` names, "Harry Potter, Ron
 * Weasley and 3 others" (a notification shows 140 characters at most).
 */
export function namesOf(people: IdlePersonHere[], max = Infinity): string {
  const names = people.map(p => p.display_name);
  if (names.length > max) {
    const rest = names.length - max;
    return `${names.slice(0, max).join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
  }
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Who else has the space open, as a sentence ("Also here: Ron Weasley."), or '' when
 * nobody else does: in a shared space the stop is everyone's.
 */
export function othersHere(people: IdlePersonHere[] | null | undefined): string {
  const others = (people ?? []).filter(p => !p.you);
  return others.length ? `Also here: ${namesOf(others, 2)}.` : '';
}

/** The warning's words, for the seconds left; pure so that it can be tested. */
export function warningMessage(
  app: IdleAppState,
  secondsLeft: number | null,
  people: IdlePersonHere[] = []
): string {
  const what = app.target === 'studio-app' ? 'This Studio app' : 'This Jupyter server';
  const others = othersHere(people);
  const tail = others ? ` ${others}` : '';
  if (app.stopping && app.stop?.cause === 'requested') {
    return `${what} is stopping: ${app.stop.reason} Saving your open documents…${tail}`;
  }
  if (app.stopping || secondsLeft === null || secondsLeft <= 0) {
    return `${what} is stopping because nobody has worked in it. Saving your open documents…${tail}`;
  }
  if (others) {
    // Shorter, so that the names fit in what a notification shows (140 characters).
    return (
      `${what} stops in ${formatDuration(secondsLeft)}: nobody has worked in it. ` +
      `Your documents are saved.${tail}`
    );
  }
  return (
    `${what} stops in ${formatDuration(secondsLeft)} because nobody has worked in it. ` +
    'Your open documents have been saved.'
  );
}

/** What the page tells a person about a stop; pure so that it can be tested. */
export function stopNotice(
  seen: IdleModel.IStopSeen,
  time: (iso: string) => string = clockTime
): { title: string; lines: string[] } {
  const { stop, target, outcome, lost } = seen;
  const what = target === 'studio-app' ? 'This Studio app' : 'This Jupyter server';
  const title = lost ? `${what} has stopped` : `${what} is stopping`;
  const why =
    stop.cause === 'idle'
      ? `Stopped by idle shutdown at ${time(stop.at)} after ${formatDuration(stop.idle_seconds)} with nothing running.`
      : `Stopped at ${time(stop.at)}. ${stop.reason}`;
  let saved: string;
  if (outcome === null) {
    saved = 'Changes made in this tab since the last save may not have been saved.';
  } else if (outcome.failed.length === 0) {
    saved = 'Your documents were saved.';
  } else {
    const failed = outcome.failed.map(f => `${f.path} (${f.error})`).join(', ');
    saved = `These documents could not be saved: ${failed}.`;
  }
  return { title, lines: [why, saved, stop.restart] };
}

/**
 * Covers the page once a stop is under way and this tab has saved its documents, so that a
 * person finds why the app stopped and how to start it again, rather than JupyterLab's
 * "Server Connection Error" that follows (which it covers). Removed if the stop is called off.
 */
export class StopNotice extends ModelFollower<IdleModel> {
  protected follow(): void {
    const seen = this.model.stopped;
    if (!seen) {
      this.stop();
      return;
    }
    const { title, lines } = stopNotice(seen);
    if (!this._node) {
      this._node = document.createElement('div');
      this._node.className = 'jp-dsws-stop-notice';
      this._node.setAttribute('role', 'alertdialog');
      this._node.setAttribute('aria-modal', 'true');
      this._node.setAttribute('aria-labelledby', 'jp-dsws-stop-notice-title');
      document.body.appendChild(this._node);
    }
    const card = document.createElement('div');
    card.className = 'jp-dsws-stop-notice-card';
    const heading = document.createElement('h2');
    heading.id = 'jp-dsws-stop-notice-title';
    heading.textContent = title;
    card.appendChild(heading);
    for (const line of lines) {
      const p = document.createElement('p');
      p.textContent = line;
      card.appendChild(p);
    }
    this._node.replaceChildren(card);
  }

  protected stop(): void {
    this._node?.remove();
    this._node = null;
  }

  private _node: HTMLDivElement | null = null;
}
