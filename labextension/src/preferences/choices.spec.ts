import { describe, expect, it } from 'vitest';

import type { PreferencesChange } from '../generated/api-types';
import { RunsSheetModel } from '../experiments/runs';
import { IColumnChoice, NO_CHOICE } from '../experiments/sheet';
import { memoryChoices } from '../testing';
import { IPreferencesApi } from './api';
import { PersonalChoices } from './choices';

/** A person's preferences on a pretend server: what was asked, what it keeps. */
function server(kept: Record<string, IColumnChoice> = {}, failing = false) {
  const changes: PreferencesChange[] = [];
  let reads = 0;
  const api: IPreferencesApi = {
    get: async () => {
      reads++;
      if (failing) {
        throw new Error('404');
      }
      return { person: null, preferences: { run_columns: { ...kept }, settings: {} } };
    },
    change: async change => {
      changes.push(change);
      if (failing) {
        throw new Error('404');
      }
      return { person: null, preferences: { run_columns: {}, settings: {} } };
    }
  };
  return { api, changes, reads: () => reads };
}

const HIDE_SEED: IColumnChoice = { hidden: ['param:seed'], tags: [] };

describe("a runs sheet's columns, kept per person", () => {
  it("are the person's from the server, read once per page", async () => {
    const { api, reads } = server({ '7': HIDE_SEED });
    const choices = new PersonalChoices(memoryChoices(), api);
    expect(await choices.load('7')).toEqual(HIDE_SEED);
    expect(await choices.load('8')).toEqual(NO_CHOICE);
    expect(reads()).toBe(1);
  });

  it('go to the server when the person chooses, and the next sheet has them', async () => {
    const { api, changes } = server();
    const choices = new PersonalChoices(memoryChoices(), api);
    choices.save('7', HIDE_SEED);
    expect(changes).toEqual([{ run_columns: { '7': HIDE_SEED } }]);
    expect(await choices.load('7')).toEqual(HIDE_SEED);
  });

  it('are what this browser kept before until the person chooses again', async () => {
    const local = memoryChoices();
    local.save('7', HIDE_SEED);
    const choices = new PersonalChoices(local, server().api);
    expect(await choices.load('7')).toEqual(HIDE_SEED);
  });

  it('stay in this browser when the server cannot keep them (an older server)', async () => {
    const local = memoryChoices();
    const choices = new PersonalChoices(local, server({}, true).api);
    choices.save('7', HIDE_SEED);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(local.saved['7']).toEqual(HIDE_SEED);
    expect(await choices.load('7')).toEqual(HIDE_SEED);
  });

  it('show in a sheet once read; a choice made before they come wins', async () => {
    const fail = async (): Promise<never> => {
      throw new Error('unused');
    };
    const reads = { runs: fail } as unknown as RunsSheetModel['api'];
    const { api } = server({ '7': HIDE_SEED });
    const sheet = new RunsSheetModel(
      reads,
      '7',
      'owls',
      new PersonalChoices(memoryChoices(), api)
    );
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(sheet.choice).toEqual(HIDE_SEED);

    const early = new RunsSheetModel(
      reads,
      '7',
      'owls',
      new PersonalChoices(memoryChoices(), api)
    );
    early.setColumnShown({ kind: 'tag', name: 'team' }, true);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(early.choice).toEqual({ hidden: [], tags: ['team'] });
  });
});
