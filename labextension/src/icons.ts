import { LabIcon } from '@jupyterlab/ui-components';

import emrSvg from '../style/icons/emr.svg';
import experimentsSvg from '../style/icons/experiments.svg';
import idleSvg from '../style/icons/idle.svg';
import instancesSvg from '../style/icons/instances.svg';
import modelsSvg from '../style/icons/models.svg';
import repositoriesSvg from '../style/icons/repositories.svg';
import workspaceSvg from '../style/icons/workspace.svg';

export const workspaceIcon = new LabIcon({
  name: 'jupyter_dsws:workspace',
  svgstr: workspaceSvg
});

export const modelsIcon = new LabIcon({
  name: 'jupyter_dsws:models',
  svgstr: modelsSvg
});

export const idleIcon = new LabIcon({
  name: 'jupyter_dsws:idle',
  svgstr: idleSvg
});

export const repositoriesIcon = new LabIcon({
  name: 'jupyter_dsws:repositories',
  svgstr: repositoriesSvg
});

export const instancesIcon = new LabIcon({
  name: 'jupyter_dsws:instances',
  svgstr: instancesSvg
});

export const experimentsIcon = new LabIcon({
  name: 'jupyter_dsws:experiments',
  svgstr: experimentsSvg
});

export const emrIcon = new LabIcon({
  name: 'jupyter_dsws:emr',
  svgstr: emrSvg
});
