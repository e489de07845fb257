import { describe, expect, it } from 'vitest';

import { modelGroup, modelVersion, refusing, UNSHARED, versionDetail } from '../testing';
import { RegistryModel } from './model';
import { CompareModel } from './tabs/compare';
import { DetailModel } from './tabs/detail';
import { OverviewModel } from './tabs/overview';
import { SheetModel } from './tabs/sheet';

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('an approval change reaches every open view', () => {
  function setUp() {
    let stored = [
      modelVersion(1, { status: 'Approved' }),
      modelVersion(2),
      modelVersion(3)
    ];
    let listed = 0;
    const registry = new RegistryModel({
      api: {
        groups: async () => {
          listed++;
          return { groups: [modelGroup('owls')], next: null, ...UNSHARED };
        },
        versions: async (_group, status) => ({
          versions: stored.filter(v => !status || v.status === status),
          next: null,
          ...UNSHARED
        }),
        version: async (_group, n) => versionDetail(stored.find(v => v.version === n)!),
        setStatus: async (_group, n, status, comment) => {
          const before = stored.find(v => v.version === n)!;
          stored = stored.map(v =>
            v.version === n ? { ...v, status, approval_description: comment } : v
          );
          return versionDetail(
            stored.find(v => v.version === n)!,
            {
              approval_history: [
                {
                  at: '2026-11-25T17:00:00Z',
                  by: 'hermione',
                  person: { name: 'hermione', display_name: 'Hermione Granger' },
                  from: before.status,
                  to: status,
                  comment
                }
              ]
            }
          );
        },
        compare: async arns => ({
          versions: stored.filter(v => arns.includes(v.arn)).map(v => versionDetail(v)),
          params: ['p'],
          metrics: ['mae'],
          best: { mae: stored[2].arn },
          directions: { mae: 'down' },
          trends: {},
          differences: { params: ['p'], metrics: ['mae'] },
          ...UNSHARED
        }),
        overview: async () => ({ groups: [], next: null, ...UNSHARED })
      }
    });
    return { registry, listed: () => listed };
  }

  it('the sheet, the detail and the comparison show the new status; the list is asked again', async () => {
    const { registry, listed } = setUp();
    const sheet = new SheetModel(registry, 'owls');
    const pending = new SheetModel(registry, 'owls');
    const approved = new SheetModel(registry, 'owls');
    const other = new SheetModel(registry, 'sorting-hat');
    const shown = new DetailModel(registry, 'owls', 2);
    const compared = new CompareModel(registry, [
      modelVersion(2).arn,
      modelVersion(3).arn
    ]);
    await Promise.all([
      sheet.load(),
      pending.setStatusFilter('PendingManualApproval'),
      approved.setStatusFilter('Approved'),
      shown.load(),
      compared.load()
    ]);
    expect(pending.rows.map(v => v.version)).toEqual([3, 2]);

    await registry.setStatus('owls', 2, 'Approved', 'Best MAE so far.');

    expect(sheet.rows.find(v => v.version === 2)?.status).toBe('Approved');
    // Filtered on pending: the approved version leaves that sheet.
    expect(pending.rows.map(v => v.version)).toEqual([3]);
    expect(other.rows).toEqual([]);
    await tick();
    // Filtered on approved: it joins, where the server puts it.
    expect(approved.rows.map(v => v.version)).toEqual([2, 1]);
    expect(shown.detail?.status).toBe('Approved');
    expect(shown.detail?.approval_history[0]).toMatchObject({
      from: 'PendingManualApproval',
      to: 'Approved',
      comment: 'Best MAE so far.'
    });
    expect(compared.comparison?.versions[0].status).toBe('Approved');
    await tick();
    expect(listed()).toBe(1);
  });

  it('a refused change leaves every view as it was', async () => {
    const { registry } = setUp();
    const failing = new RegistryModel({
      api: {
        ...registry.api,
        setStatus: refusing(
          'access_denied',
          'Not allowed: sagemaker:UpdateModelPackage.',
          403
        )
      }
    });
    const shown = new DetailModel(failing, 'owls', 2);
    await shown.load();
    await expect(failing.setStatus('owls', 2, 'Approved', 'x')).rejects.toThrow(
      'sagemaker:UpdateModelPackage'
    );
    expect(shown.detail?.status).toBe('PendingManualApproval');
  });

  it('sorts the sheet by a metric and loads more pages below', async () => {
    const registry = new RegistryModel({
      api: {
        versions: async (_g, _s, next) =>
          next
            ? { versions: [modelVersion(1)], next: null, ...UNSHARED }
            : { versions: [modelVersion(3), modelVersion(2)], next: 'more', ...UNSHARED }
      }
    });
    const sheet = new SheetModel(registry, 'owls');
    await sheet.load();
    expect(sheet.hasMore).toBe(true);
    await sheet.loadMore();
    expect(sheet.hasMore).toBe(false);
    sheet.sort = { key: { kind: 'metric', name: 'mae' }, descending: false };
    expect(sheet.rows.map(v => v.version)).toEqual([3, 2, 1]);
    expect(sheet.columns).toEqual({ params: ['p'], metrics: ['mae'] });
  });

  it("a version's and a comparison's Refresh ask past the server's shared answer", async () => {
    const asked: (boolean | undefined)[] = [];
    const registry = new RegistryModel({
      api: {
        version: async (_g, n, refresh) => {
          asked.push(refresh);
          return versionDetail(modelVersion(n), {
            fetched_at: '2026-11-25T17:00:00.000+00:00'
          });
        },
        compare: async (arns, refresh) => {
          asked.push(refresh);
          return {
            versions: arns.map((_, i) => versionDetail(modelVersion(i + 1))),
            params: [],
            metrics: [],
            best: {},
            directions: {},
            trends: {},
            differences: { params: [], metrics: [] },
            fetched_at: '2026-11-25T17:00:00.000+00:00',
            notice: null
          };
        }
      }
    });
    const shown = new DetailModel(registry, 'owls', 2);
    const compared = new CompareModel(registry, [
      modelVersion(1).arn,
      modelVersion(2).arn
    ]);
    await shown.load();
    await compared.load();
    await shown.load(true);
    await compared.load(true);
    expect(asked).toEqual([false, false, true, true]);
    expect(shown.detail?.fetched_at).toBe('2026-11-25T17:00:00.000+00:00');
    expect(compared.comparison?.fetched_at).toBe('2026-11-25T17:00:00.000+00:00');
  });

  it('a detail that fails to load says why, in the server words', async () => {
    const registry = new RegistryModel({
      api: {
        version: refusing('version_not_found', 'owls has no version 9.', 404)
      }
    });
    const shown = new DetailModel(registry, 'owls', 9);
    await shown.load();
    expect(shown.error).toBe('owls has no version 9.');
    expect(shown.detail).toBeNull();
  });

  it('the overview asks again after a change', async () => {
    let asked = 0;
    const { registry } = setUp();
    const withOverview = new RegistryModel({
      api: {
        ...registry.api,
        overview: async () => {
          asked++;
          return { groups: [], next: null, ...UNSHARED };
        }
      }
    });
    const overview = new OverviewModel(withOverview);
    await overview.load();
    await withOverview.setStatus('owls', 3, 'Rejected', 'Worse.');
    await tick();
    expect(asked).toBe(2);
  });
});
