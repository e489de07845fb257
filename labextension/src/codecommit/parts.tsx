/** The pieces of the Repositories panel: a repository's line, a clone's line, the
 * buttons that clone or open, the options form, and a refusal. */
import { Button, ellipsesIcon, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import { messageOf } from '../ui/errors';
import { Breakable, ErrorAlert } from '../ui/parts';
import { recordedBy } from '../ui/people';
import { FolderExistsError, ICloneRequest, IRepository } from './api';
import {
  defaultFolder,
  describeClone,
  IClone,
  RepositoriesModel,
  requestFor
} from './model';

export interface ICloneTarget {
  /** Where in the panel it was chosen: a listed repository, a suggestion, or typed. */
  place: string;
  /** A repository name or a URL, as the person chose or typed it. */
  source: string;
  defaultBranch: string | null;
}

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

/** What a person reads when a clone could not be asked for (no answer from the server). */
export const CLONE_NOT_STARTED = 'The clone could not be started.';

/** Choose the folder and branch, then start; a taken folder offers a free one. */
export function CloneForm(props: {
  model: RepositoriesModel;
  target: ICloneTarget;
  folder: string;
  onClose: () => void;
}): JSX.Element {
  const { model, target } = props;
  const [folder, setFolder] = React.useState(props.folder);
  const [branch, setBranch] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [suggested, setSuggested] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const request: ICloneRequest = {
      ...requestFor(target.source),
      path: folder.trim() || undefined,
      branch: branch.trim() || undefined
    };
    setBusy(true);
    setError(null);
    setSuggested(null);
    try {
      await model.clone(request);
      props.onClose();
    } catch (reason) {
      if (reason instanceof FolderExistsError) {
        setSuggested(reason.suggestedPath);
      }
      setError(messageOf(reason, CLONE_NOT_STARTED));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-dsws-cc-form"
      aria-label={`Clone ${target.source}`}
      onSubmit={event => void submit(event)}
    >
      <p className="jp-dsws-cc-form-title" title={target.source}>
        Clone <strong>{<Breakable text={target.source} />}</strong>
      </p>
      <label className="jp-dsws-cc-field">
        <span>Folder</span>
        <InputGroup
          className="jp-dsws-field"
          value={folder}
          onChange={event => setFolder(event.target.value)}
          aria-label="Folder"
        />
      </label>
      <label className="jp-dsws-cc-field">
        <span>Branch</span>
        <InputGroup
          className="jp-dsws-field"
          value={branch}
          placeholder={target.defaultBranch ?? 'default branch'}
          onChange={event => setBranch(event.target.value)}
          aria-label="Branch"
        />
      </label>
      <ErrorAlert message={error}>
        {suggested && (
          <Button
            type="button"
            className="jp-mod-styled jp-mod-reject jp-dsws-button"
            onClick={() => {
              setFolder(suggested);
              setError(null);
              setSuggested(null);
            }}
          >
            Use {suggested}
          </Button>
        )}
      </ErrorAlert>
      <div className="jp-dsws-cc-actions">
        <Button
          type="button"
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          onClick={props.onClose}
        >
          Close
        </Button>
        <Button
          type="submit"
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          disabled={busy || !folder.trim()}
        >
          {busy ? 'Starting…' : 'Start clone'}
        </Button>
      </div>
    </form>
  );
}

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

export function RepositoryLine(props: {
  repo: IRepository;
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
