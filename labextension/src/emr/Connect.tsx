import { Button, HTMLSelect, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ErrorAlert } from '../ui/parts';
import { AUTH_LABEL, ClusterModel } from './cluster';

/** Connect: the cluster's auth, a runtime role when it takes one, the notebook it goes into. */
export function Connect(props: { model: ClusterModel }): JSX.Element {
  const { model } = props;
  const roles = model.roles ?? [];
  const blocked = model.blocked;
  return (
    <UseSignal signal={model.target.changed}>
      {() => {
        const notebook = model.target.current;
        return (
          <div className="jp-dsws-emr-connect">
            <h3 className="jp-dsws-section-title">Connect a notebook</h3>
            <p className="jp-dsws-muted">
              Auth: {AUTH_LABEL[model.auth] ?? model.auth}, as the cluster is set up.
            </p>
            {model.auth === 'runtime_role' && roles.length > 0 && (
              <label className="jp-dsws-emr-field">
                Runtime role
                <HTMLSelect
                  aria-label="Runtime role"
                  value={model.role ?? ''}
                  onChange={event => (model.role = event.target.value)}
                >
                  {roles.map(arn => (
                    <option key={arn} value={arn}>
                      {arn.split('/').pop()}
                    </option>
                  ))}
                </HTMLSelect>
              </label>
            )}
            <p className="jp-dsws-emr-target">
              {notebook
                ? `Inserts the connect cell above the active cell of ${notebook} and runs it.`
                : 'No notebook is open: Connect makes a new one with the connect cell and runs it.'}
            </p>
            {blocked && <p className="jp-dsws-muted">{blocked}</p>}
            <Button
              className="jp-mod-styled jp-mod-accept jp-dsws-button"
              aria-label={`Connect to ${model.cluster.name}`}
              disabled={!!blocked || model.connecting}
              onClick={() => void model.connect()}
            >
              {model.connecting
                ? 'Connecting…'
                : notebook
                  ? 'Connect'
                  : 'Connect in a new notebook'}
            </Button>
            <ErrorAlert message={model.connectError} />
            {model.connectedIn && (
              <p
                className="jp-dsws-emr-outcome"
                role="status"
                aria-label="Connect outcome"
              >
                {model.connectRan === null
                  ? `Running the connect cell in ${model.connectedIn}…`
                  : model.connectRan
                    ? `Connected in ${model.connectedIn}: %%spark cells run on ${model.cluster.name}.`
                    : `The connect cell failed in ${model.connectedIn}: its output says why. Check the path above.`}
              </p>
            )}
          </div>
        );
      }}
    </UseSignal>
  );
}
