import * as React from 'react';

/** A state as a small badge: EMR's own word, coloured by what it means for a person. */
export function StateBadge(props: { state: string }): JSX.Element {
  return (
    <span className="jp-dsws-emr-state" data-state={props.state}>
      {props.state}
    </span>
  );
}
