import { Clipboard, Notification } from '@jupyterlab/apputils';
import { Button, copyIcon, launchIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Experiment, MlflowServer } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { formatTime } from '../registry/sheet';
import { messageOf } from '../ui/errors';
import { ErrorAlert } from '../ui/parts';
import { SearchedList } from '../ui/searchedlist';
import { ExperimentsModel } from './model';
import { formatRunCount, snippet } from './syntax';

export interface IExperimentsPanelProps {
  model: ExperimentsModel;
  openExperiment: (id: string, name: string) => void;
  /** Opens the getting-started page (the empty list's next step). */
  openGettingStarted?: () => unknown;
}

const KIND_LABEL: Record<MlflowServer['kind'], string> = {
  tracking_server: 'SageMaker MLflow tracking server',
  app: 'SageMaker MLflow app',
  url: 'MLflow server'
};

function ServerLine(props: { server: MlflowServer }): JSX.Element {
  const { server } = props;
  return (
    <li className="jp-dsws-exp-server" aria-label={`Tracking server ${server.name}`}>
      <span className="jp-dsws-cc-name" title={server.arn ?? server.url ?? server.name}>
        {server.name}
      </span>
      <span className="jp-dsws-exp-facts">
        <span>{KIND_LABEL[server.kind]}</span>
        <span className="jp-dsws-exp-status" data-status={server.status}>
          {server.status}
        </span>
        {server.default && <span className="jp-dsws-exp-default">default</span>}
        {server.mlflow_version && <span>MLflow {server.mlflow_version}</span>}
      </span>
    </li>
  );
}

/** Open the MLflow UI in a new tab with a URL made now (a presigned one works once). */
async function openUi(model: ExperimentsModel): Promise<void> {
  // Opened at the click, so that no popup blocker stops it; pointed once the URL comes.
  const tab = window.open('', '_blank');
  try {
    const url = await model.uiUrl();
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else {
      window.open(url, '_blank', 'noopener');
    }
  } catch (error) {
    tab?.close();
    Notification.error(messageOf(error, 'The MLflow UI could not be opened.'), {
      autoClose: false
    });
  }
}

function copySnippet(experiment: Experiment, trackingUri: string | null): void {
  Clipboard.copyToSystem(snippet(experiment.name, trackingUri));
  Notification.info(
    `Copied: the lines that log a notebook's runs into ${experiment.name}.`,
    {
      autoClose: 4000
    }
  );
}

function ExperimentLine(props: {
  experiment: Experiment;
  trackingUri: string | null;
  open: () => void;
}): JSX.Element {
  const { experiment } = props;
  return (
    <li className="jp-dsws-exp-experiment" aria-label={experiment.name}>
      <Button
        className="jp-dsws-reg-group-open"
        aria-label={`Open ${experiment.name}`}
        onClick={props.open}
      >
        <span className="jp-dsws-cc-name">{experiment.name}</span>
        <span className="jp-dsws-exp-facts">
          <span>{formatRunCount(experiment.runs)}</span>
          {experiment.last_run && (
            <span className="jp-dsws-muted">
              last run {formatTime(experiment.last_run)}
            </span>
          )}
        </span>
      </Button>
      <Button
        minimal
        small
        className="jp-dsws-icon-button"
        aria-label={`Copy the lines that log into ${experiment.name}`}
        title={snippet(experiment.name, props.trackingUri)}
        onClick={() => copySnippet(experiment, props.trackingUri)}
      >
        <copyIcon.react tag="span" />
      </Button>
    </li>
  );
}

/** The sidebar's Experiments section: the tracking servers, then the experiments. */
export function ExperimentsPanel(props: IExperimentsPanelProps): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  const servers = model.servers;
  const trackingUri = servers?.tracking_uri ?? null;
  return (
    <section className="jp-dsws-section jp-dsws-exp" aria-label="Experiments">
      <ul className="jp-dsws-list" aria-label="Tracking servers">
        {servers?.servers.map(server => (
          <ServerLine key={server.arn ?? server.name} server={server} />
        ))}
      </ul>
      {servers?.help && (
        <p className="jp-dsws-exp-help" role="note">
          {servers.help}
        </p>
      )}
      <ErrorAlert message={model.serversError} />
      <div className="jp-dsws-toolbar">
        <Button
          className="jp-dsws-button jp-dsws-exp-ui-button"
          aria-label="Open the MLflow UI"
          title="Opens the tracking server's own UI in a new browser tab"
          disabled={!model.defaultServer}
          onClick={() => void openUi(model)}
        >
          <launchIcon.react tag="span" /> MLflow UI
        </Button>
      </div>
      <SearchedList
        model={model}
        of="experiments"
        one="experiment"
        search={{ label: 'Search experiments', placeholder: 'Search experiments' }}
        refresh="Refresh experiments"
        waiting={{
          text: model.starting
            ? 'The tracking server is starting…'
            : 'Loading experiments…',
          role: 'status'
        }}
        source="MLflow"
        label="Experiments list"
        openGettingStarted={props.openGettingStarted}
        firstStep={
          <>
            <p>
              No experiments on this tracking server yet: log one from a notebook with
              these two lines, then <code>mlflow.start_run()</code>.
            </p>
            <pre className="jp-dsws-code">
              {'import mlflow\nmlflow.set_experiment("my-experiment")'}
            </pre>
          </>
        }
        line={experiment => (
          <ExperimentLine
            key={experiment.id}
            experiment={experiment}
            trackingUri={trackingUri}
            open={() => props.openExperiment(experiment.id, experiment.name)}
          />
        )}
      />
    </section>
  );
}
