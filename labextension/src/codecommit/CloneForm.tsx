/** The clone options form: the folder and branch to clone into, then start. */
import { Button, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CloneRequest } from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { Breakable, ErrorAlert } from '../ui/parts';
import { FolderExistsError } from './api';
import { RepositoriesModel, requestFor } from './model';

export interface ICloneTarget {
  /** Where in the panel it was chosen: a listed repository, a suggestion, or typed. */
  place: string;
  /** A repository name or a URL, as the person chose or typed it. */
  source: string;
  defaultBranch: string | null;
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
    const request: CloneRequest = {
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
      <div className="jp-dsws-toolbar jp-dsws-cc-actions">
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
