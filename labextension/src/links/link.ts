/**
 * Links a teammate can open: a view of ours as a JupyterLab URL, `<app>?dsws=<view>&…`.
 * The link names what to show (a group, versions, an experiment's runs with its filter
 * and columns, a cluster), never who shows it or how they sign in: no token, no presigned
 * URL, nothing of the session. It opens the same view for whoever opens it in the same
 * space, or in another space of the domain where the data is the same. Plain functions,
 * no DOM: `router.ts` opens them, the views build them.
 */

/** The query parameter that marks a link of ours and names its view. */
export const VIEW_PARAM = 'dsws';

/**
 * The runs sheet's state a link carries, as the sheet's model takes it (a type, not an
 * interface, so that it is JSON for a command's arguments).
 */
export type IRunsView = {
  filter: string;
  /** MLflow's column as the sheet sorts by it, e.g. `metric:rmse`, `start`. */
  sort: { key: string; descending: boolean } | null;
  /** The columns: `param:<name>`/`metric:<name>` hidden, tags shown. */
  hidden: string[];
  tags: string[];
  differencesOnly: boolean;
};

export type ViewLink =
  | { view: 'models-group'; group: string; status: string }
  | { view: 'models-version'; group: string; version: number }
  | { view: 'models-compare'; arns: string[] }
  | { view: 'runs'; experiment: string; name: string; runs: IRunsView }
  | { view: 'runs-compare'; runs: string[]; experiment: string }
  | { view: 'emr-check'; cluster: string };

export type ViewName = ViewLink['view'];

/** Every parameter a link of ours may set: what opening it takes out of the address. */
const OUR_PARAMS = [
  VIEW_PARAM,
  'group',
  'status',
  'version',
  'arn',
  'experiment',
  'name',
  'filter',
  'sort',
  'order',
  'hide',
  'tag',
  'differences',
  'run',
  'cluster'
];

/** The query string of a link, `dsws=…&…` (no `?`), its parameters in a fixed order. */
export function linkQuery(link: ViewLink): string {
  const query = new URLSearchParams();
  query.set(VIEW_PARAM, link.view);
  switch (link.view) {
    case 'models-group':
      query.set('group', link.group);
      if (link.status) {
        query.set('status', link.status);
      }
      break;
    case 'models-version':
      query.set('group', link.group);
      query.set('version', String(link.version));
      break;
    case 'models-compare':
      link.arns.forEach(arn => query.append('arn', arn));
      break;
    case 'runs': {
      const { runs } = link;
      query.set('experiment', link.experiment);
      query.set('name', link.name);
      if (runs.filter) {
        query.set('filter', runs.filter);
      }
      if (runs.sort) {
        query.set('sort', runs.sort.key);
        query.set('order', runs.sort.descending ? 'desc' : 'asc');
      }
      runs.hidden.forEach(id => query.append('hide', id));
      runs.tags.forEach(tag => query.append('tag', tag));
      if (runs.differencesOnly) {
        query.set('differences', 'only');
      }
      break;
    }
    case 'runs-compare':
      query.set('experiment', link.experiment);
      link.runs.forEach(run => query.append('run', run));
      break;
    case 'emr-check':
      query.set('cluster', link.cluster);
      break;
  }
  return query.toString();
}

/**
 * The link as a person pastes it: JupyterLab's page (`appUrl`, e.g.
 * `https://host/jupyterlab/default/lab`, or a path below the server's base URL) with the
 * view. Whatever else the address had (a token, a workspace) is not taken.
 */
export function linkUrl(appUrl: string, link: ViewLink): string {
  const base = appUrl.split(/[?#]/)[0];
  return `${base}?${linkQuery(link)}`;
}

/** The view a query string (`?dsws=…`, as `location.search`) asks for, or null. */
export function parseLink(search: string): ViewLink | null {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const one = (name: string): string => (query.get(name) ?? '').trim();
  const all = (name: string): string[] =>
    query
      .getAll(name)
      .map(value => value.trim())
      .filter(Boolean);
  switch (query.get(VIEW_PARAM)) {
    case 'models-group':
      return one('group')
        ? { view: 'models-group', group: one('group'), status: one('status') }
        : null;
    case 'models-version': {
      const version = Number(one('version'));
      return one('group') && Number.isInteger(version) && version > 0
        ? { view: 'models-version', group: one('group'), version }
        : null;
    }
    case 'models-compare': {
      const arns = unique(all('arn'));
      return arns.length >= 2 ? { view: 'models-compare', arns } : null;
    }
    case 'runs': {
      const experiment = one('experiment');
      if (!experiment) {
        return null;
      }
      const sort = one('sort');
      return {
        view: 'runs',
        experiment,
        name: one('name') || experiment,
        runs: {
          // A filter keeps its own spaces inside; only its ends are trimmed.
          filter: one('filter'),
          sort: sort ? { key: sort, descending: one('order') !== 'asc' } : null,
          hidden: unique(all('hide')),
          tags: unique(all('tag')),
          differencesOnly: one('differences') === 'only'
        }
      };
    }
    case 'runs-compare': {
      const runs = unique(all('run'));
      return runs.length >= 2
        ? { view: 'runs-compare', runs, experiment: one('experiment') }
        : null;
    }
    case 'emr-check':
      return one('cluster') ? { view: 'emr-check', cluster: one('cluster') } : null;
    default:
      return null;
  }
}

/**
 * The address once a link is opened: its parameters gone, anything else (JupyterLab's
 * own `reset`, a token JupyterLab has not yet taken) kept, so that a reload shows the
 * restored layout instead of opening the view again.
 */
export function withoutLink(search: string): string {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  OUR_PARAMS.forEach(name => query.delete(name));
  const rest = query.toString();
  return rest ? `?${rest}` : '';
}

/** What a link shows, in words (its toast, a refusal). */
export function describeLink(link: ViewLink): string {
  switch (link.view) {
    case 'models-group':
      return `the versions of ${link.group}`;
    case 'models-version':
      return `version ${link.version} of ${link.group}`;
    case 'models-compare':
      return `a comparison of ${link.arns.length} versions`;
    case 'runs':
      return `the runs of ${link.name}`;
    case 'runs-compare':
      return `a comparison of ${link.runs.length} runs`;
    case 'emr-check':
      return `the path check of cluster ${link.cluster}`;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
