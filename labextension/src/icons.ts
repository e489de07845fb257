import { LabIcon } from '@jupyterlab/ui-components';

import workspaceSvg from '../style/icons/workspace.svg';

export const workspaceIcon = new LabIcon({
  name: 'jupyter_dsws:workspace',
  svgstr: workspaceSvg
});
