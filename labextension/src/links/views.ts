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
  switch (link.view) {
    case 'models-group':
      return {
        command: MODELS_OPEN,
        args: { kind: 'group', group: link.group, status: link.status },
        panel: 'Models'
      };
    case 'models-version':
      return {
        command: MODELS_OPEN,
        args: { kind: 'version', group: link.group, version: link.version },
        panel: 'Models'
      };
    case 'models-compare':
      return {
        command: MODELS_OPEN,
        args: { kind: 'compare', arns: link.arns },
        panel: 'Models'
      };
    case 'runs':
      return {
        command: EXPERIMENTS_OPEN,
        args: {
          kind: 'runs',
          id: link.experiment,
          name: link.name,
          view: link.runs
        },
        panel: 'Experiments'
      };
    case 'runs-compare':
      return {
        command: EXPERIMENTS_OPEN,
        args: { kind: 'compare', runs: link.runs, experiment: link.experiment },
        panel: 'Experiments'
      };
    case 'emr-check':
      return {
        command: EMR_CHECK_COMMAND,
        args: { cluster: link.cluster },
        panel: 'EMR'
      };
  }
}
