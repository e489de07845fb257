import { UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { DSWSApiError } from '../request';
import { FolderExistsError, ICloneRequest, IRepository } from './api';
import {
  defaultFolder,
  describeClone,
  IClone,
  RepositoriesModel,
  requestFor
} from './model';

export interface IRepositoriesPanelProps {
  model: RepositoriesModel;
  /** The file browser's current folder, where a clone goes by default. */
  currentFolder: () => string;
  /** Show a folder (a clone) in the file browser. */
  openFolder: (path: string) => void;
}

interface ICloneTarget {
  /** A repository name or a URL, as the person chose or typed it. */
  source: string;
  defaultBranch: string | null;
}

function formatDate(iso: string | null): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleDateString();
}

/** Choose the folder and branch, then start; a taken folder offers a free one. */
function CloneForm(props: {
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
      setError(
        reason instanceof DSWSApiError
          ? reason.message
          : 'The clone could not be started.'
      );
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
        Clone <strong>{target.source}</strong>
      </p>
      <label className="jp-dsws-cc-field">
        <span>Folder</span>
        <input
          className="jp-mod-styled"
          value={folder}
          onChange={event => setFolder(event.target.value)}
          aria-label="Folder"
        />
      </label>
      <label className="jp-dsws-cc-field">
        <span>Branch</span>
        <input
          className="jp-mod-styled"
          value={branch}
          placeholder={target.defaultBranch ?? 'default branch'}
          onChange={event => setBranch(event.target.value)}
          aria-label="Branch"
        />
      </label>
      {error && (
        <div className="jp-dsws-alert" role="alert">
          <p>{error}</p>
          {suggested && (
            <button
              type="button"
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              onClick={() => {
                setFolder(suggested);
                setError(null);
                setSuggested(null);
              }}
            >
              Use {suggested}
            </button>
          )}
        </div>
      )}
      <div className="jp-dsws-cc-actions">
        <button
          type="button"
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          onClick={props.onClose}
        >
          Close
        </button>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          disabled={busy || !folder.trim()}
        >
          {busy ? 'Starting…' : 'Start clone'}
        </button>
      </div>
    </form>
  );
}

function CloneLine(props: {
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
          <button
            className="jp-mod-styled jp-mod-reject jp-dsws-button"
            onClick={() => void model.cancel(clone.id)}
          >
            Cancel clone
          </button>
        ) : (
          <span className="jp-dsws-cc-actions">
            {status.state === 'done' && (
              <button
                className="jp-mod-styled jp-mod-reject jp-dsws-button"
                onClick={() => openFolder(status.path)}
              >
                Open
              </button>
            )}
            <button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              aria-label="Dismiss"
              onClick={() => model.dismiss(clone.id)}
            >
              ×
            </button>
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
        className={
          status.state === 'failed' ? 'jp-dsws-cc-failed' : 'jp-dsws-muted'
        }
        role={status.state === 'failed' ? 'alert' : 'status'}
      >
        {describeClone(status)}
      </p>
    </li>
  );
}

function RepositoryLine(props: {
  repo: IRepository;
  onClone: () => void;
  openFolder: (path: string) => void;
}): JSX.Element {
  const { repo } = props;
  const details = [
    repo.default_branch,
    formatDate(repo.last_modified),
    repo.cloned_at ? `in ${repo.cloned_at}` : null
  ].filter(Boolean);
  return (
    <li className="jp-dsws-cc-repo" aria-label={repo.name}>
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
      {repo.cloned_at ? (
        <button
          className="jp-mod-styled jp-mod-reject jp-dsws-button"
          onClick={() => props.openFolder(repo.cloned_at as string)}
        >
          Open
        </button>
      ) : (
        <button
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          onClick={props.onClone}
        >
          Clone
        </button>
      )}
    </li>
  );
}

/** The Repositories section: list, filter, clone by click or by typing, progress. */
export function RepositoriesPanel(props: IRepositoriesPanelProps): JSX.Element {
  const { model } = props;
  const [target, setTarget] = React.useState<ICloneTarget | null>(null);
  const [typed, setTyped] = React.useState('');

  const choose = (source: string, defaultBranch: string | null = null) =>
    setTarget({ source, defaultBranch });

  return (
    <UseSignal signal={model.changed}>
      {() => (
        <section className="jp-dsws-section jp-dsws-cc" aria-label="Repositories">
          <div className="jp-dsws-cc-toolbar">
            <input
              className="jp-mod-styled jp-dsws-cc-filter"
              type="search"
              placeholder="Filter by name"
              aria-label="Filter repositories"
              value={model.filter}
              onChange={event => (model.filter = event.target.value)}
            />
            <button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              disabled={model.loading}
              onClick={() => void model.refresh()}
            >
              {model.loading ? 'Loading…' : 'Refresh'}
            </button>
          </div>
          {(model.error || model.listError) && (
            <div className="jp-dsws-alert" role="alert">
              <p>{model.error ?? model.listError}</p>
            </div>
          )}
          {model.clones.length > 0 && (
            <ul className="jp-dsws-cc-list" aria-label="Clones">
              {model.clones.map(clone => (
                <CloneLine
                  key={clone.id}
                  model={model}
                  clone={clone}
                  openFolder={props.openFolder}
                />
              ))}
            </ul>
          )}
          {target && (
            <CloneForm
              key={target.source}
              model={model}
              target={target}
              folder={defaultFolder(props.currentFolder(), target.source)}
              onClose={() => setTarget(null)}
            />
          )}
          <form
            className="jp-dsws-cc-typed"
            aria-label="Clone by name or URL"
            onSubmit={event => {
              event.preventDefault();
              if (typed.trim()) {
                choose(typed.trim());
              }
            }}
          >
            <input
              className="jp-mod-styled"
              placeholder="Repository name or HTTPS URL"
              aria-label="Repository name or URL"
              value={typed}
              onChange={event => setTyped(event.target.value)}
            />
            <button
              type="submit"
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              disabled={!typed.trim()}
            >
              Clone…
            </button>
          </form>
          {model.suggested.length > 0 && (
            <>
              <h3 className="jp-dsws-section-title">Suggested</h3>
              <ul className="jp-dsws-cc-list" aria-label="Suggested repositories">
                {model.suggested.map(url => (
                  <li className="jp-dsws-cc-repo" key={url}>
                    <span className="jp-dsws-cc-name" title={url}>
                      {url}
                    </span>
                    <button
                      className="jp-mod-styled jp-mod-accept jp-dsws-button"
                      onClick={() => choose(url)}
                    >
                      Clone
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="jp-dsws-section-title">CodeCommit</h3>
          {!model.loaded && !model.error && (
            <p className="jp-dsws-muted">Loading repositories…</p>
          )}
          {model.loaded && model.repos.length === 0 && !model.listError && (
            <p className="jp-dsws-muted">
              No CodeCommit repositories in this account and region.
            </p>
          )}
          <ul className="jp-dsws-cc-list" aria-label="CodeCommit repositories">
            {model.filtered.map(repo => (
              <RepositoryLine
                key={repo.name}
                repo={repo}
                onClone={() => choose(repo.name, repo.default_branch)}
                openFolder={props.openFolder}
              />
            ))}
          </ul>
        </section>
      )}
    </UseSignal>
  );
}
