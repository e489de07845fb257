/**
 * The extension's JupyterLab settings (`jupyter_dsws:plugin`) as each person's own.
 *
 * In a shared space everyone has one HOME, so JupyterLab keeps one settings file for the
 * space: what one person saves in the Settings Editor would be everyone's. When the server
 * names people (a shared space), the registry reads our plugin's settings from the person's
 * own preferences (`dsws/preferences`) instead of that file, through JupyterLab's own hook
 * for it (a `fetch` transform; the schema says `jupyter.lab.transform`). A save in the
 * Settings Editor still goes to the file, which nobody reads in a shared space, and this
 * module keeps it as the person's. Defaults and an admin's `overrides.json` apply as ever.
 * In a private space nothing changes: the file is the person's.
 */
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { IPreferencesApi, SERVER_PREFERENCES } from './api';

type Values = Record<string, unknown>;

/** Load `pluginId`'s settings, the person's own when the server names people. */
export async function loadPersonalSettings(
  registry: ISettingRegistry,
  pluginId: string,
  api: IPreferencesApi = SERVER_PREFERENCES
): Promise<ISettingRegistry.ISettings> {
  // The person's values as the registry's raw JSON; null: the file is theirs.
  let mine: string | null = null;
  try {
    const answer = await api.get();
    if (answer.person) {
      mine = JSON.stringify(answer.preferences.settings ?? {}, null, 2);
    }
  } catch {
    // An older server, or none reachable: JupyterLab's file, as without us.
  }
  registry.transform(pluginId, {
    fetch: plugin => {
      if (mine === null) {
        return plugin;
      }
      // The registry's copy differs from the person's only after a change made here
      // (the Settings Editor, `settings.set`): that change is the person's from now on.
      const local = registry.plugins[pluginId]?.raw;
      if (local !== undefined && local !== mine) {
        const values = valuesOf(registry, plugin, local);
        if (values) {
          mine = local;
          api.change({ settings: values }).catch(reason => {
            console.warn('jupyter_dsws: your settings could not be kept', reason);
          });
        }
      }
      return { ...plugin, raw: mine };
    }
  });
  return registry.load(pluginId);
}

/** The values `raw` sets, as the registry's schema validation reads them; null if invalid. */
function valuesOf(
  registry: ISettingRegistry,
  plugin: ISettingRegistry.IPlugin,
  raw: string
): Values | null {
  const candidate = { ...plugin, raw, data: { composite: {}, user: {} } };
  const errors = registry.validator.validateData(candidate, true);
  return errors ? null : (candidate.data.user as Values);
}
