/** A clone this page started: its progress, then Open or Dismiss. */
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { describeClone, IClone, RepositoriesModel } from './model';

/** A clone's line: its folder, Cancel while it runs, its progress and what it says. */
export function CloneLine(props: {
  model: RepositoriesModel;
  clone: IClone;
  openFolder: (path: string) => void;
}): JSX.Element {
  const { model, clone, openFolder } = props;
  const { status } = clone;
  const running = status.state === 'running';
  return (
    <li
      className={`jp-dsws-cc-clone jp-dsws-cc-clone-${status.state}`}
      aria-label={`Clone of ${clone.source}`}
    >
      <div className="jp-dsws-cc-clone-head">
        <span className="jp-dsws-cc-name" title={clone.source}>
          {status.path || clone.source}
        </span>
        {running ? (
          <Button
            className="jp-mod-styled jp-mod-reject jp-dsws-button"
            onClick={() => void model.cancel(clone.id)}
          >
            Cancel clone
          </Button>
        ) : (
          <span className="jp-dsws-cc-buttons">
            {status.state === 'done' && (
              <Button
                className="jp-mod-styled jp-mod-reject jp-dsws-button"
                onClick={() => openFolder(status.path)}
              >
                Open
              </Button>
            )}
            <Button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              aria-label="Dismiss"
              onClick={() => model.dismiss(clone.id)}
            >
              ×
            </Button>
          </span>
        )}
      </div>
      {running && (
        <progress
          className="jp-dsws-cc-progress"
          max={100}
          value={status.progress}
          aria-label={`Clone progress of ${clone.source}`}
        />
      )}
      <p
        className={status.state === 'failed' ? 'jp-dsws-cc-failed' : 'jp-dsws-muted'}
        role={status.state === 'failed' ? 'alert' : 'status'}
      >
        {describeClone(status)}
      </p>
    </li>
  );
}
