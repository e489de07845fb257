import { DisposableSet } from '@lumino/disposable';
import * as React from 'react';

import { Notification } from '@jupyterlab/apputils';

import { IFeature, IFeatureContext, panelId } from '../features';
import { EMR_CHECK_COMMAND } from '../links/views';
import { messageOf } from '../ui/errors';
import { emrIcon } from '../icons';
import { SidebarSection } from '../ui/section';
import { TickWhile } from '../ui/follower';
import { EmrPanel } from './EmrPanel';
import { EmrModel } from './model';
import { NotebookTarget } from './notebook';
// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/emr.css';

/** How often the panel asks again while Livy or a Serverless application comes up. */
const STARTING_POLL_MS = 5000;

export const emrFeature: IFeature = {
  name: 'emr',
  icon: emrIcon,
  activate({ app, fileBrowser, notebooks, commands }: IFeatureContext) {
    const model = new EmrModel({
      target: new NotebookTarget(app, notebooks, fileBrowser)
    });
    // What a link to a cluster's check runs: the panel shows the cluster and checks again,
    // so that the teammate sees the path as it is now from this space.
    commands.add(
      EMR_CHECK_COMMAND,
      {
        label: "Check an EMR Cluster's Path",
        execute: async args => {
          const id = String(args.cluster ?? '');
          app.shell.activateById(panelId('emr'));
          try {
            const cluster = await model.openById(id);
            await cluster.check();
          } catch (error) {
            Notification.error(messageOf(error, `Cluster ${id} could not be read.`), {
              autoClose: 8000
            });
          }
        }
      },
      []
    );
    // Checks the open cluster's path again every few seconds while its Livy is starting,
    // and reads the Serverless applications again while one is on its way up; stops after.
    const starting = new TickWhile(model, {
      name: 'emr-starting',
      ms: STARTING_POLL_MS,
      waiting: m => !!m.opened?.starting || m.applicationsComingUp,
      tick: m => {
        const cluster = m.opened;
        if (cluster?.starting && !cluster.checking) {
          void cluster.check();
        }
        if (m.applicationsComingUp) {
          // Past the shared list: it would show STARTING up to list_ttl_seconds longer.
          void m.refreshApplications(true);
        }
      }
    });
    // Asks EMR nothing until a person first shows the panel, then each time it is shown.
    return new SidebarSection({
      name: 'emr',
      label: 'EMR',
      refresh: () => model.refresh(),
      model: DisposableSet.from([starting, model]),
      render: () => React.createElement(EmrPanel, { model })
    });
  }
};
