import { Button, refreshIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { EmrCluster, EmrServerlessApplication } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { AsOf } from '../ui/freshness';
import { ErrorAlert, LoadState, Pager, RefreshButton } from '../ui/parts';
import { AUTH_LABEL } from './cluster';
import { ClusterView } from './ClusterView';
import { formatAge, formatApplications } from './format';
import { canStart, EmrModel } from './model';
import { StateBadge } from './parts';

function ClusterLine(props: {
  cluster: EmrCluster;
  open: () => void;
  /** Just closed: the keyboard comes back here. */
  focus: boolean;
}): JSX.Element {
  const { cluster } = props;
  const line = React.useRef<HTMLLIElement>(null);
  React.useEffect(() => {
    if (props.focus) {
      line.current?.querySelector<HTMLElement>('.jp-dsws-reg-group-open')?.focus();
    }
  }, []);
  return (
    <li ref={line} className="jp-dsws-emr-cluster" aria-label={cluster.name}>
      <Button
        className="jp-dsws-reg-group-open"
        aria-label={`Open ${cluster.name}`}
        onClick={props.open}
      >
        <span className="jp-dsws-emr-line">
          <span className="jp-dsws-cc-name">{cluster.name}</span>
          <StateBadge state={cluster.state} />
        </span>
        <span className="jp-dsws-emr-facts">
          <span>{cluster.id}</span>
          {cluster.release && <span>{cluster.release}</span>}
          <span>{formatApplications(cluster.applications)}</span>
          <span>Auth: {AUTH_LABEL[cluster.auth] ?? cluster.auth}</span>
          <span>Livy port {cluster.livy_port}</span>
          <span title={cluster.created ?? undefined}>
            age {formatAge(cluster.created)}
          </span>
        </span>
      </Button>
    </li>
  );
}

function ApplicationLine(props: {
  application: EmrServerlessApplication;
  model: EmrModel;
}): JSX.Element {
  const { application, model } = props;
  const sent = model.isStarting(application.id);
  const name = application.name ?? application.id;
  return (
    <li className="jp-dsws-emr-app" aria-label={name}>
      <span className="jp-dsws-emr-line">
        <span className="jp-dsws-cc-name">{name}</span>
        <StateBadge state={application.state} />
      </span>
      <span className="jp-dsws-emr-facts">
        {application.name && <span>{application.id}</span>}
        <span>{application.type}</span>
        {application.release && <span>{application.release}</span>}
      </span>
      {canStart(application) && (
        <Button
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          aria-label={`Start ${name}`}
          title="Starts the application: its pre-initialized capacity comes up, billed while it runs"
          disabled={sent}
          onClick={() => void model.start(application.id)}
        >
          {sent ? 'Starting…' : 'Start'}
        </Button>
      )}
    </li>
  );
}

function ClusterList(props: { model: EmrModel }): JSX.Element {
  const { model } = props;
  return (
    <>
      <div className="jp-dsws-cc-toolbar">
        <label
          className="jp-dsws-emr-switch"
          title="Also the terminating and terminated ones (EMR lists the last two months)"
        >
          <input
            type="checkbox"
            role="switch"
            aria-label="Show all clusters"
            checked={model.states === 'all'}
            onChange={event => void model.showAll(event.target.checked)}
          />
          All clusters
        </label>
        <RefreshButton
          label="Refresh clusters"
          loading={model.loading}
          onClick={() => model.refresh(true)}
          icon={<refreshIcon.react tag="span" />}
        />
      </div>
      <AsOf fetched={model.fetched} />
      <LoadState
        error={model.error}
        waiting={!model.loaded}
        text="Loading clusters…"
        role="status"
      />
      {model.loaded && model.clusters.length === 0 && !model.error && (
        <p className="jp-dsws-muted">
          {model.states === 'active'
            ? 'No cluster is running: switch on "All clusters" to see the terminated ones.'
            : 'No clusters in this region.'}
        </p>
      )}
      <ul className="jp-dsws-cc-list" aria-label="Clusters">
        {model.clusters.map(cluster => (
          <ClusterLine
            key={cluster.id}
            cluster={cluster}
            open={() => model.open(cluster)}
            focus={cluster.id === model.closedId}
          />
        ))}
      </ul>
      <Pager model={model} of="clusters" className="jp-dsws-footer" />
      <h3 className="jp-dsws-section-title">EMR Serverless</h3>
      <AsOf fetched={model.applicationsFetched} />
      <ErrorAlert message={model.applicationsError} />
      {model.applicationsLoaded &&
        model.applications.length === 0 &&
        !model.applicationsError && (
          <p className="jp-dsws-muted">No EMR Serverless applications.</p>
        )}
      <ul className="jp-dsws-cc-list" aria-label="Serverless applications">
        {model.applications.map(application => (
          <ApplicationLine key={application.id} application={application} model={model} />
        ))}
      </ul>
    </>
  );
}

/** The EMR sidebar: the clusters and Serverless applications, or one cluster opened. */
export function EmrPanel(props: { model: EmrModel }): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  return (
    <section className="jp-dsws-section jp-dsws-emr" aria-label="EMR">
      {model.opened ? (
        <ClusterView model={model.opened} close={() => model.close()} />
      ) : (
        <ClusterList model={model} />
      )}
    </section>
  );
}
