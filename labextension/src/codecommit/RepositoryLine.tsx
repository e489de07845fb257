/** A listed repository's line: its facts, Clone or Open, and why a clone did not start. */
import { Button, ellipsesIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Repository } from '../generated/api-types';
import { ErrorAlert } from '../ui/parts';
import { recordedBy } from '../ui/people';
import { defaultFolder } from './model';

/** Why a clone did not start, shown under what was clicked. */
export interface IProblem {
  place: string;
  message: string;
  /** A free folder the server offers when the default one exists. */
  suggested: string | null;
}

function formatDate(iso: string | null): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleDateString();
}

export function RepositoryLine(props: {
  repo: Repository;
  /** Its buttons, then what shows under it (a problem, the options form). */
  children: [React.ReactNode, React.ReactNode];
}): JSX.Element {
  const { repo } = props;
  const details = [
    repo.default_branch,
    formatDate(repo.last_modified),
    repo.cloned_at ? `in ${repo.cloned_at}` : null,
    repo.cloned_at && repo.cloned_by ? `cloned by ${recordedBy(repo.cloned_by)}` : null
  ].filter(Boolean);
  return (
    <li className="jp-dsws-cc-repo" aria-label={repo.name}>
      <div className="jp-dsws-cc-repo-line">
        <div className="jp-dsws-cc-repo-text">
          <span className="jp-dsws-cc-name" title={repo.clone_url_http}>
            {repo.name}
          </span>
          {repo.description && (
            <span className="jp-dsws-cc-description" title={repo.description}>
              {repo.description}
            </span>
          )}
          <span className="jp-dsws-muted">{details.join(' · ')}</span>
        </div>
        {props.children[0]}
      </div>
      {props.children[1]}
    </li>
  );
}

/** "Clone" (at once, into its default folder) and the options a click away; or "Open". */
export function CloneButtons(props: {
  name: string;
  clonedAt: string | null;
  starting: boolean;
  onClone: () => void;
  onOptions: () => void;
  openFolder: (path: string) => void;
}): JSX.Element {
  const { clonedAt } = props;
  if (clonedAt) {
    return (
      <span className="jp-dsws-cc-buttons">
        <Button
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          aria-label={`Open ${props.name}`}
          title={`Show ${clonedAt} in the file browser`}
          onClick={() => props.openFolder(clonedAt)}
        >
          Open
        </Button>
      </span>
    );
  }
  return (
    <span className="jp-dsws-cc-buttons">
      <Button
        className="jp-mod-styled jp-mod-accept jp-dsws-button"
        aria-label={`Clone ${props.name}`}
        title={`Clone into ${defaultFolder(props.name)} at the top of the workspace`}
        disabled={props.starting}
        onClick={props.onClone}
      >
        {props.starting ? 'Starting…' : 'Clone'}
      </Button>
      <Button
        className="jp-dsws-icon-button"
        aria-label={`Clone options for ${props.name}`}
        title="Clone into another folder or from another branch"
        onClick={props.onOptions}
      >
        <ellipsesIcon.react tag="span" />
      </Button>
    </span>
  );
}

/** The folder-exists refusal offers the free folder in one click; others say what is wrong. */
export function Problem(props: {
  problem: IProblem;
  cloneInto: (path: string) => void;
}): JSX.Element {
  const { problem } = props;
  return (
    <ErrorAlert message={problem.message}>
      {problem.suggested && (
        <Button
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          onClick={() => props.cloneInto(problem.suggested as string)}
        >
          Clone into {problem.suggested}
        </Button>
      )}
    </ErrorAlert>
  );
}
