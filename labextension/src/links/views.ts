/** Which command shows a link's view: each panel's own (no DOM here). */
import type { ReadonlyJSONObject } from '@lumino/coreutils';

import { ViewLink } from './link';

/** The Models tabs' command (registry/feature.ts) and the Experiments tabs' one. */
const MODELS_OPEN = 'dsws:registry-open';
const EXPERIMENTS_OPEN = 'dsws:experiments-open';
/** Opens a cluster in the EMR panel and checks its path (emr/feature.ts). */
export const EMR_CHECK_COMMAND = 'dsws:emr-check';

/** The command that shows a link's view, its arguments and the panel it belongs to. */
export function commandOf(link: ViewLink): {
  command: string;
  args: ReadonlyJSONObject;
  panel: string;
} {
  const models = { command: MODELS_OPEN, panel: 'Models' };
  const experiments = { command: EXPERIMENTS_OPEN, panel: 'Experiments' };
  switch (link.view) {
    case 'models-group':
      return {
        ...models,
        args: { kind: 'group', group: link.group, status: link.status }
      };
    case 'models-version':
      return {
        ...models,
        args: { kind: 'version', group: link.group, version: link.version }
      };
    case 'models-compare':
      return { ...models, args: { kind: 'compare', arns: link.arns } };
    case 'runs':
      return {
        ...experiments,
        args: { kind: 'runs', id: link.experiment, name: link.name, view: link.runs }
      };
    case 'runs-compare':
      return {
        ...experiments,
        args: { kind: 'compare', runs: link.runs, experiment: link.experiment }
      };
    case 'emr-check':
      return {
        command: EMR_CHECK_COMMAND,
        args: { cluster: link.cluster },
        panel: 'EMR'
      };
  }
}
