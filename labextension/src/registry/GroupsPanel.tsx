import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { RegistryGroup } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { SearchedList } from '../ui/searchedlist';
import { StatusBadge } from './approval';
import { RegistryModel } from './model';
import { formatTime } from './sheet';

export interface IGroupsPanelProps {
  model: RegistryModel;
  openGroup: (name: string) => void;
  openOverview: () => void;
  openCompare: (arns: string[]) => void;
  /** Opens the getting-started page (the empty list's next step). */
  openGettingStarted?: () => unknown;
}

function GroupLine(props: { group: RegistryGroup; open: () => void }): JSX.Element {
  const { group } = props;
  return (
    <li className="jp-dsws-reg-group" aria-label={group.name}>
      <Button
        className="jp-dsws-reg-group-open"
        aria-label={`Open ${group.name}`}
        title={group.arn}
        onClick={props.open}
      >
        <span className="jp-dsws-cc-name">{group.name}</span>
        {group.description && (
          <span className="jp-dsws-cc-description" title={group.description}>
            {group.description}
          </span>
        )}
        <span className="jp-dsws-reg-group-facts">
          <span>
            {group.versions_count} version{group.versions_count === 1 ? '' : 's'}
          </span>
          {group.latest_version !== null && (
            <span>
              latest v{group.latest_version}{' '}
              {group.latest_status && <StatusBadge status={group.latest_status} />}
            </span>
          )}
          <span>
            approved:{' '}
            {group.latest_approved_version !== null
              ? `v${group.latest_approved_version}`
              : 'none'}
          </span>
        </span>
        {(group.last_modified || group.created) && (
          <span className="jp-dsws-muted">
            changed {formatTime(group.last_modified ?? group.created)}
          </span>
        )}
      </Button>
    </li>
  );
}

/** Under the search: the team overview, and the selected versions compared or cleared. */
function Actions(props: {
  model: RegistryModel;
  openOverview: () => void;
  openCompare: (arns: string[]) => void;
}): JSX.Element {
  const { model } = props;
  return (
    <div className="jp-dsws-toolbar">
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        aria-label="Team overview"
        onClick={props.openOverview}
      >
        Team overview
      </Button>
      {model.selection.items.length > 0 && (
        <>
          <Button
            className="jp-mod-styled jp-mod-accept jp-dsws-button"
            aria-label="Compare selected versions"
            disabled={model.selection.items.length < 2}
            title={model.selection.items.map(v => `${v.group} v${v.version}`).join(', ')}
            onClick={() => props.openCompare(model.selection.items.map(v => v.arn))}
          >
            Compare {model.selection.items.length}
          </Button>
          <Button
            className="jp-mod-styled jp-mod-reject jp-dsws-button"
            aria-label="Clear the selection"
            onClick={() => model.selection.clear()}
          >
            Clear
          </Button>
        </>
      )}
    </div>
  );
}

/** The sidebar's Models section: search, the groups page by page, the selection. */
export function GroupsPanel(props: IGroupsPanelProps): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  return (
    <section className="jp-dsws-section jp-dsws-reg" aria-label="Models">
      <SearchedList
        model={model}
        of="model groups"
        one="model group"
        search={{ label: 'Search model groups', placeholder: 'Search models' }}
        refresh="Refresh models"
        waiting={{ text: 'Loading model groups…' }}
        label="Model groups"
        openGettingStarted={props.openGettingStarted}
        firstStep={
          <p>
            No models in this account and region yet: register one from a run in the
            Experiments panel (Register), or from a notebook with{' '}
            <code>register_model</code>, as the example notebooks do.
          </p>
        }
        controls={
          <Actions
            model={model}
            openOverview={props.openOverview}
            openCompare={props.openCompare}
          />
        }
        line={group => (
          <GroupLine
            key={group.arn}
            group={group}
            open={() => props.openGroup(group.name)}
          />
        )}
      />
    </section>
  );
}
