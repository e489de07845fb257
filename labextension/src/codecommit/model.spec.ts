import { describe, expect, it, vi } from 'vitest';

import type { CloneStatus, RepositoryList } from '../generated/api-types';
import { DSWSApiError } from '../request';
import { refusing } from '../testing';
import {
  defaultFolder,
  describeClone,
  filterRepositories,
  IClone,
  RepositoriesModel,
  requestFor
} from './model';

const LIST: RepositoryList = {
  repos: [
    {
      name: 'sagemaker-repository',
      description: "The team's notebooks",
      default_branch: 'main',
      clone_url_http:
        'https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/sagemaker-repository',
      last_modified: '2026-11-25T12:00:00+00:00',
      cloned_at: null,
      cloned_by: null
    },
    {
      name: 'owls',
      description: 'Forecasts',
      default_branch: null,
      clone_url_http: 'https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/owls',
      last_modified: null,
      cloned_at: 'work/owls',
      cloned_by: { name: 'ron', display_name: 'Ron Weasley' }
    }
  ],
  suggested: [],
  error: null,
  fetched_at: null,
  notice: null
};

function status(over: Partial<CloneStatus>): CloneStatus {
  return {
    id: 'a'.repeat(32),
    state: 'running',
    progress: 0,
    phase: 'Starting',
    message: '',
    path: 'sagemaker-repository',
    error: null,
    by: null,
    ...over
  };
}

describe('what a person types', () => {
  it('is a URL or a repository name', () => {
    expect(requestFor(' team ')).toEqual({ repo: 'team' });
    expect(requestFor('https://github.com/a/b.git')).toEqual({
      url: 'https://github.com/a/b.git'
    });
    expect(requestFor('codecommit::eu-west-1://team')).toEqual({
      url: 'codecommit::eu-west-1://team'
    });
  });

  it('gets a folder named after it at the top of the workspace', () => {
    // Never the file browser's folder: from inside a clone, a second clone would nest.
    expect(defaultFolder('team')).toBe('team');
    expect(defaultFolder('https://github.com/a/b.git')).toBe('b');
    expect(defaultFolder('https://github.com/a/b/')).toBe('b');
    expect(defaultFolder('codecommit::eu-west-1://owls')).toBe('owls');
  });
});

describe('the panel text', () => {
  it('shows phase and percent while running, the message after', () => {
    expect(describeClone(status({ phase: 'Receiving objects', progress: 45 }))).toBe(
      'Receiving objects 45%'
    );
    expect(describeClone(status({ state: 'done', message: 'Cloned.' }))).toBe('Cloned.');
  });

  it('filters by name or description, ignoring case', () => {
    expect(filterRepositories(LIST.repos, 'SAGE').map(r => r.name)).toEqual([
      'sagemaker-repository'
    ]);
    expect(filterRepositories(LIST.repos, 'forecast').map(r => r.name)).toEqual(['owls']);
    expect(filterRepositories(LIST.repos, ' ')).toHaveLength(2);
  });
});

describe('RepositoriesModel', () => {
  it('keeps the listing error apart from the server being unreachable', async () => {
    const model = new RepositoriesModel({
      api: {
        list: async () => ({
          repos: [],
          suggested: [],
          error: 'Not allowed.',
          fetched_at: null,
          notice: null
        })
      }
    });
    await model.refresh();
    expect(model.listError).toBe('Not allowed.');
    expect(model.error).toBeNull();
    expect(model.loaded).toBe(true);

    const down = new RepositoriesModel({
      api: {
        list: refusing('server_unreachable', 'Down.', 0)
      }
    });
    await down.refresh();
    expect(down.error).toBe('Down.');
    expect(down.loaded).toBe(false);
  });

  it('follows a clone to its end, says so once, and lists again', async () => {
    const answers = [
      status({ phase: 'Receiving objects', progress: 40 }),
      status({ state: 'done', progress: 100, phase: 'Done', message: 'Cloned.' })
    ];
    let listed = 0;
    const model = new RepositoriesModel({
      pollMs: 1,
      api: {
        list: async () => {
          listed++;
          return LIST;
        },
        start: async () => ({ id: 'a'.repeat(32) }),
        status: async () => answers.shift() ?? answers[answers.length - 1]
      }
    });
    const finished: IClone[] = [];
    const ended = new Promise<void>(resolve =>
      model.cloneFinished.connect((_, clone) => {
        finished.push(clone);
        resolve();
      })
    );
    const percents: number[] = [];
    model.changed.connect(() =>
      model.clones.forEach(c => percents.push(c.status.progress))
    );

    await model.clone({ repo: 'sagemaker-repository' });
    await ended;

    expect(finished).toHaveLength(1);
    expect(finished[0].status.state).toBe('done');
    expect(percents).toContain(40);
    expect(percents[percents.length - 1]).toBe(100);
    expect(listed).toBe(1);
    model.dismiss('a'.repeat(32));
    expect(model.clones).toEqual([]);
    model.dispose();
  });

  it('asks less often while the server cannot be reached, and stops once the clone ends', async () => {
    vi.useFakeTimers();
    // Lumino's Poll backs off by a random step: the middle one, so that the count is
    // the same on every run.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      let asked = 0;
      let reachable = false;
      const model = new RepositoriesModel({
        pollMs: 100,
        api: {
          list: async () => LIST,
          start: async () => ({ id: 'c'.repeat(32) }),
          status: async () => {
            asked++;
            if (!reachable) {
              throw new DSWSApiError('server_unreachable', 'Down.', 0);
            }
            return status({ state: 'done', progress: 100, phase: 'Done' });
          }
        }
      });
      await model.clone({ repo: 'big' });
      await vi.advanceTimersByTimeAsync(3000);
      // Every 100 ms would be 30 times; backing off (up to 800 ms) asks far fewer.
      expect(asked).toBeGreaterThan(3);
      expect(asked).toBeLessThan(15);
      expect(model.clones[0].status.state).toBe('running');
      reachable = true;
      await vi.advanceTimersByTimeAsync(800);
      expect(model.clones[0].status.state).toBe('done');
      const atEnd = asked;
      await vi.advanceTimersByTimeAsync(5000);
      expect(asked).toBe(atEnd);
      model.dispose();
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });

  it('cancels through the server', async () => {
    const model = new RepositoriesModel({
      pollMs: 60_000,
      api: {
        start: async () => ({ id: 'b'.repeat(32) }),
        cancel: async id => status({ id, state: 'cancelled', message: 'Cancelled.' })
      }
    });
    const clone = await model.clone({ repo: 'big' });
    expect(model.cloneAt(clone.status.path)).toBeDefined();
    await model.cancel(clone.id);
    expect(model.clones[0].status.state).toBe('cancelled');
    model.dispose();
  });

  it('passes the folder-exists error on to the form', async () => {
    const model = new RepositoriesModel({
      api: {
        start: refusing('folder_exists', 'Taken.', 409)
      }
    });
    await expect(model.clone({ repo: 'team' })).rejects.toThrow('Taken.');
    expect(model.clones).toEqual([]);
  });

  it('looks up a typed remote once typing pauses, and offers its clone', async () => {
    const asked: string[] = [];
    const model = new RepositoriesModel({
      lookupMs: 1,
      api: {
        clonedAt: async source => {
          asked.push(source);
          return source === 'sagemaker-repository' ? 'sagemaker-repository' : null;
        }
      }
    });
    const answered = () =>
      new Promise<void>(resolve => {
        const done = () => {
          if (asked.length > 0) {
            model.changed.disconnect(done);
            resolve();
          }
        };
        model.changed.connect(done);
      });
    let next = answered();
    model.typed = 'sage';
    model.typed = 'sagemaker-repository';
    await next;
    // Only the text typing paused on was asked for.
    expect(asked).toEqual(['sagemaker-repository']);
    expect(model.typedClonedAt).toBe('sagemaker-repository');

    next = answered();
    model.typed = 'owls';
    expect(model.typedClonedAt).toBeNull(); // no stale "Open" while the answer comes
    await next;
    expect(model.typedClonedAt).toBeNull();
    model.dispose();
  });

  it('knows which suggested URLs are cloned already', async () => {
    const url = 'https://github.com/team/notebooks.git';
    const model = new RepositoriesModel({
      api: {
        list: async () => ({
          repos: [],
          suggested: [url, 'https://h/other'],
          error: null,
          fetched_at: null,
          notice: null
        }),
        clonedAt: async source => (source === url ? 'notebooks' : null)
      }
    });
    await model.refresh();
    expect(model.suggestedClonedAt(url)).toBe('notebooks');
    expect(model.suggestedClonedAt('https://h/other')).toBeNull();
  });

  it('shows the last listing asked for, not a slower one asked before it', async () => {
    const answers: ((list: RepositoryList) => void)[] = [];
    const model = new RepositoriesModel({
      api: {
        list: () => new Promise(resolve => answers.push(resolve)),
        clonedAt: async () => null
      }
    });
    const shown: boolean[] = [];
    model.changed.connect(() => shown.push(model.loading));
    const first = model.refresh();
    const second = model.refresh(true);
    expect(model.loading).toBe(true);
    // The person's Refresh is answered first: owls was cloned meanwhile, the other is gone.
    answers[1]({ ...LIST, repos: [LIST.repos[1]] });
    await second;
    expect(model.repos.map(r => r.name)).toEqual(['owls']);
    expect(model.loading).toBe(false);
    answers[0](LIST);
    await first;
    expect(model.repos.map(r => r.name)).toEqual(['owls']);
    expect(model.loading).toBe(false);
    expect(shown[shown.length - 1]).toBe(false);
    model.dispose();
  });
});
