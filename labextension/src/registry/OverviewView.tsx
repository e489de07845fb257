import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { RegistryOverviewGroup } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { Pager } from '../ui/parts';
import { TabHead, WideTable } from '../ui/tab';
import { formatMetric, formatTime, formatWaiting } from './sheet';
import { OverviewModel } from './tabs/overview';

export interface IOverviewViewProps {
  model: OverviewModel;
  openGroup: (name: string) => void;
  openVersion: (group: string, version: number) => void;
}

function GroupRow(props: {
  group: RegistryOverviewGroup;
  openGroup: (name: string) => void;
  openVersion: (group: string, version: number) => void;
}): JSX.Element {
  const { group } = props;
  const approved = group.latest_approved;
  const metrics = Object.entries(approved?.metrics ?? {}).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  return (
    <tr aria-label={group.name}>
      <td>
        <Button
          className="jp-dsws-reg-link"
          aria-label={`Open ${group.name}`}
          onClick={() => props.openGroup(group.name)}
        >
          {group.name}
        </Button>
        {group.description && <div className="jp-dsws-muted">{group.description}</div>}
      </td>
      <td>
        {approved ? (
          <>
            <Button
              className="jp-dsws-reg-link"
              aria-label={`Open ${group.name} version ${approved.version}`}
              onClick={() => props.openVersion(group.name, approved.version)}
            >
              v{approved.version}
            </Button>
            {approved.approved_at && (
              <div className="jp-dsws-muted">{formatTime(approved.approved_at)}</div>
            )}
          </>
        ) : (
          <span className="jp-dsws-muted">none</span>
        )}
      </td>
      <td>
        {metrics.map(([name, value]) => (
          <div key={name}>
            <span className="jp-dsws-muted">{name}</span> {formatMetric(value)}
          </div>
        ))}
      </td>
      <td>
        {group.pending.length === 0 && <span className="jp-dsws-muted">nothing</span>}
        {group.pending.map(p => (
          <div key={p.arn}>
            <Button
              className="jp-dsws-reg-link"
              aria-label={`Open ${group.name} version ${p.version}`}
              onClick={() => props.openVersion(group.name, p.version)}
            >
              v{p.version}
            </Button>{' '}
            <span className="jp-dsws-muted">
              waiting {formatWaiting(p.waiting_seconds)}
            </span>
          </div>
        ))}
      </td>
    </tr>
  );
}

/** All groups in one table: what is approved, with its metrics; what waits, how long. */
export function OverviewView(props: IOverviewViewProps): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  return (
    <section className="jp-dsws-reg-tab jp-dsws-reg-overview" aria-label="Team overview">
      <TabHead
        title="Team overview"
        model={model}
        refresh="Refresh overview"
        waiting={{ until: !model.loaded, text: 'Loading the overview…' }}
        fetched={model.fetched}
      />
      {model.loaded && model.groups.length === 0 && (
        <p className="jp-dsws-muted">No model package groups yet.</p>
      )}
      {model.groups.length > 0 && (
        <WideTable label="Groups overview">
          <thead>
            <tr>
              <th>Group</th>
              <th>Latest approved</th>
              <th>Its metrics</th>
              <th>Waiting for review</th>
            </tr>
          </thead>
          <tbody>
            {model.groups.map(group => (
              <GroupRow
                key={group.name}
                group={group}
                openGroup={props.openGroup}
                openVersion={props.openVersion}
              />
            ))}
          </tbody>
        </WideTable>
      )}
      <Pager model={model} of="the overview" className="jp-dsws-reg-toolbar" />
    </section>
  );
}
