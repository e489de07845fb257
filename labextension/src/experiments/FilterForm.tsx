import { Button, HTMLSelect, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import { RunsSheetModel } from './runs';
import { filterExamples } from './syntax';

/** The filter box: MLflow's search syntax, examples at hand, MLflow's refusal under it. */
export function FilterForm(props: { model: RunsSheetModel }): JSX.Element {
  const { model } = props;
  const [text, setText] = React.useState(model.filter);
  // A link opened into this sheet sets its filter: the box shows it.
  React.useEffect(() => setText(model.filter), [model.filter]);
  const examples = React.useMemo(
    () => filterExamples(model.runs.slice(0, 200)),
    [model.runs.length > 0]
  );
  return (
    <form
      className="jp-dsws-exp-filter"
      onSubmit={event => {
        event.preventDefault();
        void model.setFilter(text);
      }}
    >
      <div className="jp-dsws-exp-filter-line">
        <InputGroup
          type="search"
          aria-label="Filter runs"
          placeholder="e.g. metrics.accuracy > 0.9 and params.model = 'logreg'"
          value={text}
          onChange={event => setText(event.target.value)}
        />
        <Button type="submit" className="jp-dsws-button" aria-label="Apply the filter">
          Filter
        </Button>
        <HTMLSelect
          aria-label="Filter examples"
          value=""
          onChange={event => {
            if (event.target.value) {
              setText(event.target.value);
              void model.setFilter(event.target.value);
            }
          }}
          options={[{ label: 'Examples…', value: '' }, ...examples]}
        />
      </div>
      {model.filterError && (
        <p className="jp-dsws-exp-filter-error" role="alert">
          {model.filterError}
        </p>
      )}
    </form>
  );
}
