import { LabIcon } from '@jupyterlab/ui-components';

import emrSvg from '../style/icons/emr.svg';
import experimentsSvg from '../style/icons/experiments.svg';
import idleSvg from '../style/icons/idle.svg';
import instancesSvg from '../style/icons/instances.svg';
import modelsSvg from '../style/icons/models.svg';
import repositoriesSvg from '../style/icons/repositories.svg';
import workspaceSvg from '../style/icons/workspace.svg';

/** One of our panels' icons, named `jupyter_dsws:<name>` for JupyterLab's icon registry. */
function panelIcon(name: string, svgstr: string): LabIcon {
  return new LabIcon({ name: `jupyter_dsws:${name}`, svgstr });
}

export const workspaceIcon = panelIcon('workspace', workspaceSvg);
export const modelsIcon = panelIcon('models', modelsSvg);
export const idleIcon = panelIcon('idle', idleSvg);
export const repositoriesIcon = panelIcon('repositories', repositoriesSvg);
export const instancesIcon = panelIcon('instances', instancesSvg);
export const experimentsIcon = panelIcon('experiments', experimentsSvg);
export const emrIcon = panelIcon('emr', emrSvg);
