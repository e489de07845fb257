import { describe, expect, it, vi } from 'vitest';

import type { RegistryGroupList } from '../generated/api-types';
import { ARN, modelGroup, modelVersion, refusing, UNSHARED } from '../testing';
import { RegistryModel } from './model';

describe('RegistryModel', () => {
  it('pages through groups with the cursors the server gave', async () => {
    const asked: (string | null)[] = [];
    const pages: Record<string, RegistryGroupList> = {
      first: { groups: [modelGroup('a')], next: 'cursor/2+', ...UNSHARED },
      'cursor/2+': { groups: [modelGroup('b')], next: null, ...UNSHARED }
    };
    const model = new RegistryModel({
      api: {
        groups: async (_query, next) => {
          asked.push(next);
          return pages[next ?? 'first'];
        }
      }
    });
    await model.refresh();
    expect(model.groups.map(g => g.name)).toEqual(['a']);
    await model.nextPage();
    expect(model.groups.map(g => g.name)).toEqual(['b']);
    expect(model.pager.hasNext).toBe(false);
    await model.previousPage();
    expect(model.groups.map(g => g.name)).toEqual(['a']);
    expect(asked).toEqual([null, 'cursor/2+', null]);
  });

  it('searches the groups by what was typed, from the first page', async () => {
    const asked: string[] = [];
    const model = new RegistryModel({
      searchDelayMs: 0,
      api: {
        groups: async (query, next) => {
          asked.push(`${query}|${next}`);
          return {
            groups: [modelGroup('sorting-hat-algorithm')],
            next: null,
            ...UNSHARED
          };
        }
      }
    });
    model.pager.answered('somewhere');
    model.pager.forward();
    model.search('sorting');
    await vi.waitFor(() =>
      expect(model.groups.map(g => g.name)).toEqual(['sorting-hat-algorithm'])
    );
    expect(asked).toEqual(['sorting|null']);
    model.dispose();
  });

  it('shows the server message when listing fails', async () => {
    const model = new RegistryModel({
      api: {
        groups: refusing(
          'endpoint_unreachable',
          'Add the VPC endpoint com.amazonaws.eu-central-1.sagemaker.api.',
          503
        )
      }
    });
    await model.refresh();
    expect(model.error).toContain('sagemaker.api');
    expect(model.loading).toBe(false);
  });

  it("keeps the page's age, and asks past the shared answer only on Refresh", async () => {
    const asked: (boolean | undefined)[] = [];
    const model = new RegistryModel({
      api: {
        groups: async (_query, _next, refresh) => {
          asked.push(refresh);
          return {
            groups: [modelGroup('a')],
            next: null,
            fetched_at: '2026-12-06T09:00:00.000+00:00',
            notice: 'AWS is throttling sagemaker:ListModelPackageGroups'
          };
        }
      }
    });
    await model.refresh();
    await model.refresh(true);
    expect(asked).toEqual([false, true]);
    expect(model.fetched).toEqual({
      fetched_at: '2026-12-06T09:00:00.000+00:00',
      notice: 'AWS is throttling sagemaker:ListModelPackageGroups'
    });
  });

  it('keeps a selection across groups', () => {
    const model = new RegistryModel();
    model.selection.toggle(modelVersion(1));
    model.selection.toggle(modelVersion(2, { group: 'sorting-hat', arn: `${ARN}:x/2` }));
    expect(model.selection.items.map(v => v.group)).toEqual(['owls', 'sorting-hat']);
    model.selection.toggle(modelVersion(1));
    expect(model.selection.items).toHaveLength(1);
    expect(model.selection.has(`${ARN}:x/2`)).toBe(true);
  });
});
