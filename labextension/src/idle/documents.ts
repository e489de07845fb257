import { IDisposable } from '@lumino/disposable';
import { Widget } from '@lumino/widgets';

import { messageOf } from '../ui/errors';

/**
 * The part of a JupyterLab document widget's context we use. Every `DocumentWidget`
 * (notebooks, text files) has one; duck-typed, so that we need no docregistry dependency.
 */
interface IDocumentContext {
  readonly path: string;
  readonly model: { readonly dirty: boolean };
  readonly contentsModel: { readonly writable?: boolean } | null;
  save(): Promise<void>;
}

function contextOf(widget: Widget): IDocumentContext | null {
  const context = (widget as unknown as { context?: Partial<IDocumentContext> }).context;
  if (
    context &&
    typeof context.path === 'string' &&
    typeof context.save === 'function' &&
    context.model
  ) {
    return context as IDocumentContext;
  }
  return null;
}

/** What saving the open documents did: the paths saved and those that could not be. */
export interface ISaveOutcome {
  saved: string[];
  failed: { path: string; error: string }[];
}

/**
 * Save every open document with unsaved changes, each once (a document may show in two
 * tabs). Documents without changes are left alone: writing them again helps nobody, and a
 * read-only one would only raise JupyterLab's "read-only" notice.
 */
export async function saveUnsaved(widgets: Iterable<Widget>): Promise<ISaveOutcome> {
  const outcome: ISaveOutcome = { saved: [], failed: [] };
  const seen = new Set<string>();
  const saves: Promise<void>[] = [];
  for (const widget of widgets) {
    const context = contextOf(widget);
    if (!context || seen.has(context.path) || !context.model.dirty) {
      continue;
    }
    seen.add(context.path);
    if (context.contentsModel?.writable === false) {
      outcome.failed.push({ path: context.path, error: 'read-only' });
      continue;
    }
    saves.push(
      context.save().then(
        () => void outcome.saved.push(context.path),
        (error: unknown) =>
          void outcome.failed.push({
            path: context.path,
            error: messageOf(error, 'it could not be written')
          })
      )
    );
  }
  await Promise.all(saves);
  return outcome;
}

/**
 * What only a person does in a page: a key, a click, a scroll, a file dropped. Not a mouse
 * that merely moves (a nudged desk), and never anything the page does by itself (autosave,
 * polls), which is why this listens to input rather than to documents being written.
 */
export const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'drop'] as const;

/** Calls `onInput` at each input in `target` (the whole page by default) until disposed. */
export function watchInput(
  onInput: () => void,
  target: EventTarget = document
): IDisposable {
  const listener = (): void => onInput();
  const options = { capture: true, passive: true };
  for (const type of INPUT_EVENTS) {
    target.addEventListener(type, listener, options);
  }
  let disposed = false;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      if (disposed) {
        return;
      }
      disposed = true;
      for (const type of INPUT_EVENTS) {
        target.removeEventListener(type, listener, options);
      }
    }
  };
}
