/**
 * How old a shared answer is. The server keeps list answers for a short time and shares
 * them between tabs and people (docs/admin.md, Shared reads); each says when it was read
 * from AWS (`fetched_at`) and, when AWS throttled a fresh read and an older answer stands
 * in, a `notice`. Panels show "as of 40 s ago" where an answer is not fresh.
 */
import * as React from 'react';

import { ticker } from './ticker';

/** What a shared answer says about its age (the wire's `Fetched`). */
export interface IFetched {
  fetched_at?: string | null;
  notice?: string | null;
}

/** An answer younger than this is fresh: nothing is said about its age. */
export const FRESH_SECONDS = 10;

/** "as of 40 s ago" (or min, h) for an answer read at `fetchedAt`; null while fresh. */
export function asOfText(
  fetchedAt: string | null | undefined,
  now: number = Date.now(),
  freshSeconds: number = FRESH_SECONDS
): string | null {
  if (!fetchedAt) {
    return null;
  }
  const at = Date.parse(fetchedAt);
  if (Number.isNaN(at)) {
    return null;
  }
  const seconds = Math.max(0, (now - at) / 1000);
  if (seconds < freshSeconds) {
    return null;
  }
  if (seconds < 90) {
    return `as of ${Math.round(seconds)} s ago`;
  }
  if (seconds < 90 * 60) {
    return `as of ${Math.round(seconds / 60)} min ago`;
  }
  return `as of ${Math.round(seconds / 3600)} h ago`;
}

/** The age of the answer shown (when not fresh) and its notice; says it again every 5 s. */
export function AsOf(props: {
  fetched: IFetched | null | undefined;
  /** Where the server read it, for the tooltip (default AWS; the Experiments panel's MLflow). */
  source?: string;
}): JSX.Element | null {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => {
    const clock = ticker('as-of', 5000, () => setNow(Date.now()));
    return () => clock.dispose();
  }, []);
  const fetched = props.fetched;
  const text = asOfText(fetched?.fetched_at, now);
  if (!text && !fetched?.notice) {
    return null;
  }
  return (
    <div className="jp-dsws-as-of">
      {text && (
        <span
          className="jp-dsws-muted"
          title={`Read from ${props.source ?? 'AWS'} at ${fetched?.fetched_at}`}
        >
          {text}
        </span>
      )}
      {fetched?.notice && (
        <p className="jp-dsws-as-of-notice" role="status">
          {fetched.notice}
        </p>
      )}
    </div>
  );
}
