import { Button, ellipsesIcon, InputGroup, refreshIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CloneRequest } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { messageOf } from '../ui/errors';
import { AsOf } from '../ui/freshness';
import { Breakable, ErrorAlert, NextStep, SearchRow } from '../ui/parts';
import { FolderExistsError } from './api';
import { defaultFolder, RepositoriesModel, requestFor } from './model';
import { CLONE_NOT_STARTED, CloneForm, ICloneTarget } from './CloneForm';
import { CloneLine } from './CloneLine';
import { CloneButtons, IProblem, Problem, RepositoryLine } from './RepositoryLine';

export interface IRepositoriesPanelProps {
  model: RepositoriesModel;
  /** Show a folder (a clone) in the file browser. */
  openFolder: (path: string) => void;
  /** Opens the getting-started page (the empty list's next step). */
  openGettingStarted?: () => unknown;
}

/** The Repositories section: list, filter, clone in one click or by typing, progress. */
export function RepositoriesPanel(props: IRepositoriesPanelProps): JSX.Element {
  const { model, openFolder } = props;
  const [options, setOptions] = React.useState<ICloneTarget | null>(null);
  const [problem, setProblem] = React.useState<IProblem | null>(null);
  const [starting, setStarting] = React.useState<string | null>(null);

  const cloneNow = async (target: ICloneTarget, path?: string) => {
    const request: CloneRequest = { ...requestFor(target.source), path };
    setProblem(null);
    setOptions(null);
    setStarting(target.place);
    try {
      await model.clone(request);
    } catch (reason) {
      setProblem({
        place: target.place,
        message: messageOf(reason, CLONE_NOT_STARTED),
        suggested: reason instanceof FolderExistsError ? reason.suggestedPath : null
      });
    } finally {
      setStarting(null);
    }
  };

  /** What follows a target's line: why its clone did not start, or its options form. */
  const below = (target: ICloneTarget) => (
    <>
      {problem?.place === target.place && (
        <Problem problem={problem} cloneInto={path => void cloneNow(target, path)} />
      )}
      {options?.place === target.place && (
        <CloneForm
          key={target.place}
          model={model}
          target={target}
          folder={defaultFolder(target.source)}
          onClose={() => setOptions(null)}
        />
      )}
    </>
  );

  const buttons = (target: ICloneTarget, clonedAt: string | null) => (
    <CloneButtons
      name={target.source}
      clonedAt={clonedAt}
      starting={starting === target.place}
      onClone={() => void cloneNow(target)}
      onOptions={() => {
        setProblem(null);
        setOptions(options?.place === target.place ? null : target);
      }}
      openFolder={openFolder}
    />
  );

  useChanged(model.changed);
  const typed: ICloneTarget = {
    place: 'typed',
    source: model.typed.trim(),
    defaultBranch: null
  };
  return (
    <section className="jp-dsws-section jp-dsws-cc" aria-label="Repositories">
      <SearchRow
        label="Filter repositories"
        placeholder="Filter by name"
        value={model.filter}
        onSearch={text => (model.filter = text)}
        refresh={{
          label: 'Refresh repositories',
          loading: model.loading,
          onClick: () => model.refresh(true)
        }}
        refreshIcon={<refreshIcon.react tag="span" />}
      />
      <AsOf fetched={model.fetched} />
      <ErrorAlert message={model.error ?? model.listError} />
      {model.clones.length > 0 && (
        <ul className="jp-dsws-list" aria-label="Clones">
          {model.clones.map(clone => (
            <CloneLine
              key={clone.id}
              model={model}
              clone={clone}
              openFolder={openFolder}
            />
          ))}
        </ul>
      )}
      {model.suggested.length > 0 && (
        <>
          <h3 className="jp-dsws-section-title">Suggested</h3>
          <ul className="jp-dsws-list" aria-label="Suggested repositories">
            {model.suggested.map(url => {
              const target = {
                place: `suggested:${url}`,
                source: url,
                defaultBranch: null
              };
              return (
                <li className="jp-dsws-cc-repo" key={url} aria-label={url}>
                  <div className="jp-dsws-cc-repo-line">
                    <span className="jp-dsws-cc-name" title={url}>
                      <Breakable text={url} />
                    </span>
                    {buttons(target, model.suggestedClonedAt(url))}
                  </div>
                  {below(target)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h3 className="jp-dsws-section-title">CodeCommit</h3>
      {!model.loaded && !model.error && (
        <p className="jp-dsws-muted">Loading repositories…</p>
      )}
      {model.loaded && model.repos.length === 0 && !model.listError && (
        <NextStep openGettingStarted={props.openGettingStarted}>
          <p>
            No CodeCommit repositories in this account and region yet: clone any HTTPS git
            repository under Another repository, or start from the example notebooks.
          </p>
        </NextStep>
      )}
      <ul className="jp-dsws-list" aria-label="CodeCommit repositories">
        {model.filtered.map(repo => {
          const target = {
            place: `repo:${repo.name}`,
            source: repo.name,
            defaultBranch: repo.default_branch
          };
          return (
            <RepositoryLine key={repo.name} repo={repo}>
              {buttons(target, repo.cloned_at)}
              {below(target)}
            </RepositoryLine>
          );
        })}
      </ul>
      <h3 className="jp-dsws-section-title">Another repository</h3>
      <form
        className="jp-dsws-toolbar jp-dsws-cc-typed"
        aria-label="Clone by name or URL"
        onSubmit={event => {
          event.preventDefault();
          if (!typed.source) {
            return;
          }
          if (model.typedClonedAt) {
            openFolder(model.typedClonedAt);
          } else {
            void cloneNow(typed);
          }
        }}
      >
        <InputGroup
          className="jp-dsws-field"
          placeholder="Name or HTTPS URL"
          aria-label="Repository name or URL"
          value={model.typed}
          onChange={event => (model.typed = event.target.value)}
        />
        {model.typedClonedAt ? (
          <Button type="submit" className="jp-mod-styled jp-mod-reject jp-dsws-button">
            Open
          </Button>
        ) : (
          <Button
            type="submit"
            className="jp-mod-styled jp-mod-accept jp-dsws-button"
            disabled={!typed.source || starting === typed.place}
          >
            {starting === typed.place ? 'Starting…' : 'Clone'}
          </Button>
        )}
        <Button
          type="button"
          className="jp-dsws-icon-button"
          aria-label="Clone options"
          title="Clone into another folder or from another branch"
          disabled={!typed.source}
          onClick={() => {
            setProblem(null);
            setOptions(options?.place === typed.place ? null : typed);
          }}
        >
          <ellipsesIcon.react tag="span" />
        </Button>
      </form>
      {model.typedClonedAt && (
        <p className="jp-dsws-muted" role="status">
          Cloned already in {model.typedClonedAt}.
        </p>
      )}
      {typed.source && below(typed)}
    </section>
  );
}
