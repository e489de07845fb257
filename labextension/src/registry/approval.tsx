import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { RegistryVersion } from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { ApprovalStatus } from './api';
import { RegistryModel } from './model';
import { statusLabel } from './sheet';

/** The decisions a reviewer takes, with the words of their buttons. */
export const ACTIONS: { status: ApprovalStatus; label: string; verb: string }[] = [
  { status: 'Approved', label: 'Approve', verb: 'Approve' },
  { status: 'Rejected', label: 'Reject', verb: 'Reject' },
  {
    status: 'PendingManualApproval',
    label: 'Back to pending',
    verb: 'Send back to pending'
  }
];

/** The dialog's body: why, in a few words. Its accept button waits for them. */
class CommentBody extends Widget implements Dialog.IBodyWidget<string> {
  constructor(question: string) {
    super();
    this.addClass('jp-dsws-reg-confirm');
    const text = document.createElement('p');
    text.textContent = question;
    const label = document.createElement('label');
    label.textContent = 'Comment (required)';
    this._input = document.createElement('textarea');
    this._input.className = 'jp-mod-styled';
    this._input.rows = 3;
    this._input.setAttribute('aria-label', 'Comment');
    this._input.placeholder = 'Why: the reviewer after you reads it.';
    this._input.addEventListener('input', () => this._syncAccept());
    label.appendChild(this._input);
    this.node.append(text, label);
  }

  getValue(): string {
    return this._input.value.trim();
  }

  protected onAfterAttach(): void {
    this._syncAccept();
    this._input.focus();
  }

  private _syncAccept(): void {
    const accept = this.node
      .closest('.jp-Dialog-content')
      ?.querySelector<HTMLButtonElement>('.jp-Dialog-button.jp-mod-accept');
    if (accept) {
      accept.disabled = !this.getValue();
    }
  }

  private _input: HTMLTextAreaElement;
}

/**
 * Ask for a comment and confirmation, then change the version's status. Resolves true
 * when it changed; a failure is said in a notification with the server's words.
 */
export async function confirmStatus(
  registry: RegistryModel,
  version: RegistryVersion,
  status: ApprovalStatus
): Promise<boolean> {
  const action = ACTIONS.find(a => a.status === status)!;
  const what = `version ${version.version} of ${version.group}`;
  let comment = '';
  while (!comment) {
    const result = await showDialog({
      title: `${action.verb} ${what}?`,
      body: new CommentBody(
        `${statusLabel(version.status)} → ${statusLabel(status)}. ` +
          'SageMaker keeps the comment as the approval description; the history keeps all.'
      ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: action.label, ariaLabel: action.label })
      ]
    });
    if (!result.button.accept) {
      return false;
    }
    comment = result.value ?? '';
  }
  try {
    await registry.setStatus(version.group, version.version, status, comment);
    Notification.success(`${what}: ${statusLabel(status)}.`, { autoClose: 5000 });
    return true;
  } catch (error) {
    Notification.error(
      `${action.verb} ${what} failed: ${messageOf(error, 'the server did not answer.')}`,
      { autoClose: false }
    );
    return false;
  }
}

/** The three decision buttons; the one matching the current status is left out. */
export function ApprovalButtons(props: {
  registry: RegistryModel;
  version: RegistryVersion;
}): JSX.Element {
  const { registry, version } = props;
  const [busy, setBusy] = React.useState(false);
  return (
    <span className="jp-dsws-reg-actions">
      {ACTIONS.filter(a => a.status !== version.status).map(action => (
        <Button
          key={action.status}
          className={`jp-mod-styled jp-dsws-button ${
            action.status === 'Approved' ? 'jp-mod-accept' : 'jp-mod-reject'
          }`}
          aria-label={`${action.label} version ${version.version}`}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void confirmStatus(registry, version, action.status).finally(() =>
              setBusy(false)
            );
          }}
        >
          {action.label}
        </Button>
      ))}
    </span>
  );
}

/** The status as a coloured badge. */
export function StatusBadge(props: { status: string }): JSX.Element {
  const kind =
    props.status === 'Approved'
      ? 'approved'
      : props.status === 'Rejected'
        ? 'rejected'
        : 'pending';
  return (
    <span className={`jp-dsws-reg-badge jp-dsws-reg-badge-${kind}`} title={props.status}>
      {statusLabel(props.status)}
    </span>
  );
}
