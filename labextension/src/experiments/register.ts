import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

import type { RegisterRequest, Run, RunRegistration } from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { IExperimentsApi } from './api';

let formCount = 0;

/** The dialog's form: group (an existing one or a new name), artifact path, description. */
class RegisterForm extends Widget implements Dialog.IBodyWidget<RegisterRequest> {
  constructor(
    run: Run,
    groups: string[],
    last: RegisterRequest | null,
    error: string | null
  ) {
    super();
    this.addClass('jp-dsws-exp-register');
    const listId = `jp-dsws-exp-groups-${++formCount}`;
    const intro = document.createElement('p');
    intro.textContent =
      `A new version of the model package group, with the run's parameters and metrics ` +
      `and a link back to run ${run.name}.`;
    this._group = this._field(
      'Model group',
      'input',
      last?.group ?? ''
    ) as HTMLInputElement;
    this._group.setAttribute('list', listId);
    this._group.placeholder = 'Pick one or type a new name';
    const list = document.createElement('datalist');
    list.id = listId;
    for (const name of groups) {
      const option = document.createElement('option');
      option.value = name;
      list.appendChild(option);
    }
    this._path = this._field(
      'Artifact path',
      'input',
      last?.artifact_path ?? 'model'
    ) as HTMLInputElement;
    this._description = this._field(
      'Description',
      'textarea',
      last?.description ?? ''
    ) as HTMLTextAreaElement;
    this.node.prepend(intro);
    this.node.appendChild(list);
    if (error) {
      const alert = document.createElement('p');
      alert.className = 'jp-dsws-alert jp-dsws-exp-register-error';
      alert.setAttribute('role', 'alert');
      alert.textContent = error;
      this.node.appendChild(alert);
    }
  }

  getValue(): RegisterRequest {
    return {
      group: this._group.value.trim(),
      artifact_path: this._path.value.trim() || 'model',
      description: this._description.value.trim() || null
    };
  }

  protected onAfterAttach(): void {
    this._group.focus();
  }

  private _field(label: string, tag: 'input' | 'textarea', value: string): HTMLElement {
    const wrap = document.createElement('label');
    wrap.className = 'jp-dsws-cc-field';
    const text = document.createElement('span');
    text.textContent = label;
    const input = document.createElement(tag);
    input.className = 'jp-mod-styled';
    input.setAttribute('aria-label', label);
    input.value = value;
    if (tag === 'textarea') {
      (input as HTMLTextAreaElement).rows = 2;
    }
    wrap.append(text, input);
    this.node.appendChild(wrap);
    return input;
  }

  private _group: HTMLInputElement;
  private _path: HTMLInputElement;
  private _description: HTMLTextAreaElement;
}

/**
 * Ask where to register the run, then register it. The server's refusal (a group name it
 * does not take, no such artifact) shows in the dialog, asked again with what was typed;
 * success is a notification naming group and version, with a button to open it in Models.
 */
export async function registerRunDialog(
  api: IExperimentsApi,
  run: Run,
  openVersion: (group: string, version: number) => void
): Promise<RunRegistration | null> {
  const groups = await api.groupNames().catch(() => [] as string[]);
  let last: RegisterRequest | null = null;
  let error: string | null = null;
  for (;;) {
    const result: Dialog.IResult<RegisterRequest> = await showDialog({
      title: `Register run ${run.name}`,
      body: new RegisterForm(run, groups, last, error),
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: 'Register', ariaLabel: 'Register' })
      ]
    });
    if (!result.button.accept || !result.value) {
      return null;
    }
    const asked: RegisterRequest = result.value;
    last = asked;
    if (!asked.group) {
      error = 'Name a model group: pick one or type a new name.';
      continue;
    }
    try {
      const registration = await api.register(run.id, asked);
      Notification.success(
        `Registered run ${run.name} as version ${registration.version} of ${registration.group}.`,
        {
          autoClose: false,
          actions: [
            {
              label: 'Open in Models',
              callback: () => openVersion(registration.group, registration.version)
            }
          ]
        }
      );
      return registration;
    } catch (reason) {
      error = messageOf(reason, `Run ${run.name} could not be registered.`);
    }
  }
}
