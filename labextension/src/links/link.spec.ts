import { describe, expect, it } from 'vitest';

import { sortKeyOf, sortKeyText } from '../experiments/sheet';
import { describeLink, linkUrl, parseLink, ViewLink, withoutLink } from './link';

const STUDIO_LAB =
  'https://d-abc.studio.eu-central-1.sagemaker.aws/jupyterlab/default/lab';
const ARN_1 = 'arn:aws:sagemaker:eu-central-1:123456789012:model-package/churn-xgb/1';
const ARN_3 = 'arn:aws:sagemaker:eu-central-1:123456789012:model-package/churn-xgb/3';

/** What a teammate's page reads of the copied link: its `location.search`. */
function opened(url: string): ViewLink | null {
  return parseLink(new URL(url).search);
}

const EVERY_VIEW: ViewLink[] = [
  { view: 'models-group', group: 'churn-xgb', status: 'PendingManualApproval' },
  { view: 'models-group', group: 'churn-xgb', status: '' },
  { view: 'models-version', group: 'churn-xgb', version: 3 },
  { view: 'models-compare', arns: [ARN_1, ARN_3] },
  {
    view: 'runs',
    experiment: '7',
    name: 'sorting-hat & co',
    runs: {
      filter: "metrics.rmse < 0.5 and params.model = 'xgb'",
      sort: { key: 'metric:val_loss', descending: false },
      hidden: ['param:seed', 'metric:train_time'],
      tags: ['team'],
      differencesOnly: true
    }
  },
  {
    view: 'runs',
    experiment: '7',
    name: 'plain',
    runs: { filter: '', sort: null, hidden: [], tags: [], differencesOnly: false }
  },
  { view: 'runs-compare', runs: ['a1b2', 'c3d4', 'e5f6'], experiment: 'sorting-hat' },
  { view: 'emr-check', cluster: 'j-2AXXXXXXGAPLF' }
];

describe('a link to one of our views', () => {
  it('opens the same view for whoever opens it: every view survives the trip', () => {
    for (const view of EVERY_VIEW) {
      expect(opened(linkUrl(STUDIO_LAB, view))).toEqual(view);
    }
  });

  it("is JupyterLab's page below the server's base URL, with no token or other secret", () => {
    const lab = `${STUDIO_LAB}?token=s3cr3t&reset#tab`;
    const url = linkUrl(lab, { view: 'models-compare', arns: [ARN_1, ARN_3] });
    expect(url.startsWith(`${STUDIO_LAB}?dsws=models-compare&arn=`)).toBe(true);
    expect(url).not.toMatch(/token|s3cr3t|reset|#/);
    expect(new URL(url).pathname).toBe('/jupyterlab/default/lab');
  });

  it('keeps a filter whole, quotes, spaces and ampersands included', () => {
    const filter = "tags.note = 'a & b' and metrics.`f1 score` > 0.8";
    const link = opened(
      linkUrl(STUDIO_LAB, {
        view: 'runs',
        experiment: '1',
        name: 'x',
        runs: { filter, sort: null, hidden: [], tags: [], differencesOnly: false }
      })
    );
    expect(link?.view === 'runs' && link.runs.filter).toBe(filter);
  });

  it('is refused when it is not one of ours or is incomplete', () => {
    expect(parseLink('')).toBeNull();
    expect(parseLink('?reset')).toBeNull();
    expect(parseLink('?dsws=nonsense&group=a')).toBeNull();
    expect(parseLink('?dsws=models-group')).toBeNull();
    expect(parseLink('?dsws=models-version&group=a&version=two')).toBeNull();
    expect(parseLink('?dsws=models-version&group=a&version=0')).toBeNull();
    expect(parseLink(`?dsws=models-compare&arn=${ARN_1}&arn=${ARN_1}`)).toBeNull();
    expect(parseLink('?dsws=runs-compare&run=a')).toBeNull();
    expect(parseLink('?dsws=emr-check&cluster=')).toBeNull();
  });

  it("leaves the address without its parameters once opened, JupyterLab's own kept", () => {
    expect(withoutLink('?dsws=models-version&group=a&version=2')).toBe('');
    expect(withoutLink('?reset&dsws=emr-check&cluster=j-1')).toBe('?reset=');
  });

  it('says in words what it shows', () => {
    expect(EVERY_VIEW.map(describeLink)).toContain('version 3 of churn-xgb');
    expect(describeLink({ view: 'emr-check', cluster: 'j-1' })).toBe(
      'the path check of cluster j-1'
    );
  });
});

describe("a runs sheet's order in a link", () => {
  it('names the column the sheet sorts by, and reads back as the same key', () => {
    for (const key of [
      { kind: 'start' as const },
      { kind: 'name' as const },
      { kind: 'metric' as const, name: 'val:loss' },
      { kind: 'param' as const, name: 'max_depth' },
      { kind: 'tag' as const, name: 'team' }
    ]) {
      expect(sortKeyOf(sortKeyText(key))).toEqual(key);
    }
    expect(sortKeyText({ kind: 'metric', name: 'rmse' })).toBe('metric:rmse');
  });

  it('is ignored when it names no column the sheet knows', () => {
    expect(sortKeyOf('bogus')).toBeNull();
    expect(sortKeyOf('metric:')).toBeNull();
    expect(sortKeyOf(':rmse')).toBeNull();
  });
});
