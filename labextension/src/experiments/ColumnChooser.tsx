import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { RunsSheetModel } from './runs';
import { IRunColumn, isShown } from './sheet';

const GROUPS: { kind: IRunColumn['kind']; title: string }[] = [
  { kind: 'metric', title: 'Metrics' },
  { kind: 'param', title: 'Parameters' },
  { kind: 'tag', title: 'Tags' }
];

/** Which metrics, params and tags the sheet shows; kept per experiment. */
export function ColumnChooser(props: { model: RunsSheetModel }): JSX.Element {
  const { model } = props;
  const [open, setOpen] = React.useState(false);
  const names = model.names;
  const lists: Record<IRunColumn['kind'], string[]> = {
    metric: names.metrics,
    param: names.params,
    tag: names.tags
  };
  return (
    <div className="jp-dsws-exp-chooser">
      <Button
        className="jp-dsws-button"
        aria-expanded={open}
        aria-label="Choose columns"
        onClick={() => setOpen(!open)}
      >
        Columns {open ? '▴' : '▾'}
      </Button>
      {open && (
        <div className="jp-dsws-exp-chooser-body" role="group" aria-label="Columns">
          {GROUPS.filter(group => lists[group.kind].length > 0).map(group => (
            <fieldset key={group.kind}>
              <legend>{group.title}</legend>
              {lists[group.kind].map(name => {
                const column = { kind: group.kind, name };
                return (
                  <label key={name}>
                    <input
                      type="checkbox"
                      aria-label={`Show ${group.kind} ${name}`}
                      checked={isShown(model.choice, column)}
                      onChange={event =>
                        model.setColumnShown(column, event.target.checked)
                      }
                    />{' '}
                    {name}
                  </label>
                );
              })}
            </fieldset>
          ))}
        </div>
      )}
    </div>
  );
}
