// @vitest-environment jsdom
import { ISettingRegistry, SettingRegistry } from '@jupyterlab/settingregistry';
import { IDataConnector } from '@jupyterlab/statedb';
import { describe, expect, it } from 'vitest';

import type { PersonalPreferences, PreferencesChange } from '../generated/api-types';
import schema from '../../schema/plugin.json';
import { IPreferencesApi } from './api';
import { loadPersonalSettings } from './settings';

const ID = 'jupyter_dsws:plugin';

/** JupyterLab's settings file of the space (one HOME for everyone in a shared space). */
class SpaceFile implements IDataConnector<ISettingRegistry.IPlugin, string> {
  raw = '{}';
  saves = 0;
  async fetch(id: string): Promise<ISettingRegistry.IPlugin | undefined> {
    return id === ID
      ? {
          id,
          raw: this.raw,
          schema: schema as unknown as ISettingRegistry.ISchema,
          data: { composite: {}, user: {} },
          version: 'test'
        }
      : undefined;
  }
  async list(): Promise<any> {
    return { ids: [ID], values: [await this.fetch(ID)] };
  }
  async save(id: string, raw: string): Promise<void> {
    this.raw = raw;
    this.saves++;
  }
  async remove(): Promise<void> {
    throw new Error('not here');
  }
}

/** `dsws/preferences` of one person (null: the server names nobody, a private space). */
function preferencesOf(person: string | null, settings: Record<string, unknown> = {}) {
  const changes: PreferencesChange[] = [];
  const answer = (): PersonalPreferences => ({
    person: person ? { name: person, display_name: person } : null,
    preferences: { run_columns: {}, settings: { ...settings } }
  });
  const api: IPreferencesApi = {
    get: async () => answer(),
    change: async change => {
      changes.push(change);
      settings = { ...(change.settings ?? settings) };
      return answer();
    }
  };
  return { api, changes };
}

/** A browser's JupyterLab on the space's file, as its setting registry starts. */
async function pageOn(file: SpaceFile, api: IPreferencesApi) {
  const registry = new SettingRegistry({
    connector: file,
    plugins: [(await file.fetch(ID))!]
  });
  return loadPersonalSettings(registry, ID, api);
}

const refresh = (settings: ISettingRegistry.ISettings) =>
  settings.get('statusRefreshSeconds').composite;

describe("the extension's settings in a shared space", () => {
  it("are the person's own, not what a colleague saved in the space's file", async () => {
    const file = new SpaceFile();
    file.raw = '{"statusRefreshSeconds": 15}'; // Ron saved this
    const harry = await pageOn(
      file,
      preferencesOf('harry', { statusRefreshSeconds: 30 }).api
    );
    expect(refresh(harry)).toBe(30);
    const neville = await pageOn(file, preferencesOf('neville').api);
    expect(refresh(neville)).toBe(60); // the default: he chose nothing
  });

  it("a change in the Settings Editor is kept as the person's and stays", async () => {
    const file = new SpaceFile();
    const harry = preferencesOf('harry');
    const settings = await pageOn(file, harry.api);
    await settings.set('statusRefreshSeconds', 20);
    expect(refresh(settings)).toBe(20);
    expect(harry.changes).toEqual([{ settings: { statusRefreshSeconds: 20 } }]);
    // Harry's next page has it; Ron's, on the same file, does not.
    expect(refresh(await pageOn(file, harry.api))).toBe(20);
    expect(refresh(await pageOn(file, preferencesOf('ron').api))).toBe(60);
  });

  it('an invalid value is refused as JupyterLab refuses it, and nothing is kept', async () => {
    const harry = preferencesOf('harry');
    const settings = await pageOn(new SpaceFile(), harry.api);
    await expect(settings.set('statusRefreshSeconds', 1)).rejects.toThrow();
    expect(refresh(settings)).toBe(60);
    expect(harry.changes).toEqual([]);
  });
});

describe("the extension's settings in a private space", () => {
  it("are JupyterLab's file, as without us", async () => {
    const file = new SpaceFile();
    file.raw = '{"statusRefreshSeconds": 15}';
    const mine = preferencesOf(null);
    const settings = await pageOn(file, mine.api);
    expect(refresh(settings)).toBe(15);
    await settings.set('statusRefreshSeconds', 25);
    expect(file.raw).toMatch(/"statusRefreshSeconds": 25\b/); // JSON5, with comments
    expect(mine.changes).toEqual([]);
  });
});
