import { Clipboard, Notification } from '@jupyterlab/apputils';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type {
  RegistryApprovalEntry,
  RegistryVersionDetail
} from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { RecordedBy } from '../ui/people';
import { TabHead } from '../ui/tab';
import { ApprovalButtons, StatusBadge } from './approval';
import { RegistryModel } from './model';
import { formatMetric, formatTime, statusLabel } from './sheet';
import { DetailModel } from './tabs/detail';

export interface IDetailViewProps {
  model: DetailModel;
  registry: RegistryModel;
}

/** The approval history, oldest first, as people tell it. */
export function ApprovalHistory(props: {
  history: RegistryApprovalEntry[];
}): JSX.Element {
  if (!props.history.length) {
    return (
      <p className="jp-dsws-muted">No status change recorded by this workspace yet.</p>
    );
  }
  return (
    <ol className="jp-dsws-reg-history" aria-label="Approval history">
      {props.history.map((change, index) => (
        <li key={index}>
          <span className="jp-dsws-muted">
            {formatTime(change.at)} ·{' '}
            <RecordedBy person={change.person} identity={change.by} />
          </span>{' '}
          <span>
            {change.from ? `${statusLabel(change.from)} → ` : ''}
            {statusLabel(change.to)}
          </span>
          {change.comment && <q className="jp-dsws-reg-comment">{change.comment}</q>}
        </li>
      ))}
    </ol>
  );
}

function Snippet(props: { title: string; code: string }): JSX.Element {
  return (
    <div className="jp-dsws-reg-snippet">
      <div className="jp-dsws-reg-toolbar">
        <h3 className="jp-dsws-section-title">{props.title}</h3>
        <Button
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          aria-label={`Copy ${props.title.toLowerCase()} snippet`}
          onClick={() => {
            Clipboard.copyToSystem(props.code);
            Notification.success('Copied', { autoClose: 2000 });
          }}
        >
          Copy
        </Button>
      </div>
      <pre>
        <code>{props.code}</code>
      </pre>
    </div>
  );
}

function Facts(props: { detail: RegistryVersionDetail }): JSX.Element {
  const { detail } = props;
  const facts: [string, React.ReactNode][] = [
    ['Description', detail.description],
    ['Created', formatTime(detail.created)],
    [
      'Registered by',
      detail.registered_by && <RecordedBy person={detail.registered_by} />
    ],
    ['Created by', detail.created_by],
    ['Inference image', detail.image],
    ['Model data', detail.model_data_url],
    ['Training job', detail.training_job],
    ['ARN', detail.arn],
    ...Object.entries(detail.lineage ?? {}).map(
      ([key, value]) => [key, value] as [string, React.ReactNode]
    )
  ];
  return (
    <dl className="jp-dsws-fields" aria-label="Version facts">
      {facts
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([name, value]) => (
          <React.Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </React.Fragment>
        ))}
    </dl>
  );
}

function Detail(props: {
  detail: RegistryVersionDetail;
  registry: RegistryModel;
}): JSX.Element {
  const { detail, registry } = props;
  const params = Object.entries(detail.params ?? {}).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  const metrics = Object.entries(detail.metrics ?? {}).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  return (
    <>
      <div className="jp-dsws-reg-toolbar">
        <StatusBadge status={detail.status} />
        <ApprovalButtons registry={registry} version={detail} />
      </div>
      {detail.approval_description && (
        <p className="jp-dsws-reg-approval" aria-label="Approval comment">
          <q className="jp-dsws-reg-comment">{detail.approval_description}</q>
          {(detail.status_set_by || detail.status_set_by_person) && (
            <span className="jp-dsws-muted">
              {' · '}
              <RecordedBy
                person={detail.status_set_by_person}
                identity={detail.status_set_by}
              />
            </span>
          )}
        </p>
      )}
      <Facts detail={detail} />

      <h3 className="jp-dsws-section-title">Metrics</h3>
      {detail.metrics_error && (
        <div className="jp-dsws-reg-warning" role="alert">
          <p>{detail.metrics_error}</p>
        </div>
      )}
      {metrics.length > 0 ? (
        <table className="jp-dsws-table jp-dsws-reg-kv" aria-label="Metrics">
          <tbody>
            {metrics.map(([name, value]) => {
              const std = detail.metrics_std?.[name];
              return (
                <tr key={name}>
                  <th>{name}</th>
                  <td>
                    {formatMetric(value)}
                    {typeof std === 'number' && (
                      <span className="jp-dsws-muted"> ± {formatMetric(std)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        !detail.metrics_error && <p className="jp-dsws-muted">No metrics recorded.</p>
      )}

      <h3 className="jp-dsws-section-title">Parameters</h3>
      {params.length > 0 ? (
        <table className="jp-dsws-table jp-dsws-reg-kv" aria-label="Parameters">
          <tbody>
            {params.map(([name, value]) => (
              <tr key={name}>
                <th>{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="jp-dsws-muted">No parameters recorded.</p>
      )}

      <h3 className="jp-dsws-section-title">Approval history</h3>
      <ApprovalHistory history={detail.approval_history ?? []} />

      {detail.snippets && (
        <>
          <Snippet title="Load" code={detail.snippets.load} />
          <Snippet title="Deploy" code={detail.snippets.deploy} />
        </>
      )}
    </>
  );
}

/** One version: facts, metrics, parameters, decisions, snippets. */
export function DetailView(props: IDetailViewProps): JSX.Element {
  const { model, registry } = props;
  useChanged(model.changed);
  return (
    <section
      className="jp-dsws-reg-tab jp-dsws-reg-detail"
      aria-label={`Version ${model.version} of ${model.group}`}
    >
      <TabHead
        title={`${model.group} · v${model.version}`}
        model={model}
        refresh="Refresh version"
        waiting={{ until: !model.detail, text: 'Loading the version…' }}
        fetched={model.detail}
        link={{
          what: 'this version',
          to: () => ({
            view: 'models-version',
            group: model.group,
            version: model.version
          })
        }}
      />
      {model.detail && <Detail detail={model.detail} registry={registry} />}
    </section>
  );
}
