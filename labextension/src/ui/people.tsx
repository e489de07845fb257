import * as React from 'react';
import type { PersonRecord } from '../generated/api-types';

/**
 * Who did something, as our records say it: the person (the name JupyterLab's server gives
 * them; in a shared Studio space everyone acts as one AWS identity) beside that AWS
 * identity, e.g. "Hermione Granger (arn:aws:sts::…:assumed-role/…)". The name is for the
 * record only: it never allowed or refused anything.
 */
export function recordedBy(
  person: PersonRecord | null | undefined,
  identity?: string | null
): string {
  const name = person?.display_name || person?.name;
  if (name && identity) {
    return `${name} (${identity})`;
  }
  return name || identity || 'someone unrecorded';
}

/** The person's username, for a tooltip: two people may share a display name. */
export function personTitle(person: PersonRecord | null | undefined): string | undefined {
  return person
    ? `${person.name}, as JupyterLab names this person: for the record, not a permission`
    : undefined;
}

/** ``recordedBy`` as a span whose tooltip gives the username. */
export function RecordedBy(props: {
  person: PersonRecord | null | undefined;
  identity?: string | null;
}): JSX.Element {
  return (
    <span className="jp-dsws-person" title={personTitle(props.person)}>
      {recordedBy(props.person, props.identity)}
    </span>
  );
}
