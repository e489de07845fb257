import * as React from 'react';

/** "Differences only": the runs sheet and the comparison hide what every run shares. */
export function DifferencesOnly(props: {
  model: { differencesOnly: boolean };
}): JSX.Element {
  const { model } = props;
  return (
    <label className="jp-dsws-exp-toggle">
      <input
        type="checkbox"
        checked={model.differencesOnly}
        onChange={event => (model.differencesOnly = event.target.checked)}
      />{' '}
      Differences only
    </label>
  );
}
