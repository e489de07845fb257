/**
 * MLflow's search syntax and the notebook's lines: the sort as `order_by`, filter
 * examples made from the experiment's own names, the snippet that logs into it.
 */
import type { Run } from '../generated/api-types';
import { FixedKey, IRunSort, namesOf } from './sheet';

/** A name as MLflow's search syntax takes it: backquoted unless it is a plain word. */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

const ATTRIBUTE_OF: Record<FixedKey, string> = {
  name: 'attributes.run_name',
  status: 'attributes.status',
  start: 'attributes.start_time',
  user: 'tags.`mlflow.user`',
  source: 'tags.`mlflow.source.name`'
};

/** The sort as MLflow's `order_by`, e.g. `metrics.accuracy DESC`, `params.eta ASC`. */
export function orderByOf(sort: IRunSort): string {
  const { key } = sort;
  const column =
    key.kind === 'param'
      ? `params.${quoteName(key.name)}`
      : key.kind === 'metric'
        ? `metrics.${quoteName(key.name)}`
        : key.kind === 'tag'
          ? `tags.${quoteName(key.name)}`
          : ATTRIBUTE_OF[key.kind];
  return `${column} ${sort.descending ? 'DESC' : 'ASC'}`;
}

/** A Python string literal (JSON's escapes are Python's too). */
function pyString(text: string): string {
  return JSON.stringify(text);
}

/** The lines that make a notebook log into this experiment. */
export function snippet(experiment: string, trackingUri: string | null): string {
  return [
    'import mlflow',
    ...(trackingUri ? [`mlflow.set_tracking_uri(${pyString(trackingUri)})`] : []),
    `mlflow.set_experiment(${pyString(experiment)})`
  ].join('\n');
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

/**
 * Filters in MLflow's search syntax, made from this experiment's own names and values,
 * so an example works as it is and shows the form to change.
 */
export function filterExamples(runs: readonly Run[]): string[] {
  const { params, metrics } = namesOf(runs);
  const examples: string[] = [];
  const metric = metrics[0];
  if (metric !== undefined) {
    const values = runs
      .map(run => run.metrics[metric])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    const middle = values.length ? values[Math.floor(values.length / 2)] : 0;
    examples.push(`metrics.${quoteName(metric)} > ${Number(middle.toPrecision(3))}`);
  }
  const param = params[0];
  if (param !== undefined) {
    const value = runs.find(run => run.params[param] !== undefined)?.params[param] ?? '';
    examples.push(`params.${quoteName(param)} = ${literal(value)}`);
  }
  if (metric !== undefined && param !== undefined) {
    examples.push(`${examples[0]} and ${examples[1]}`);
  }
  examples.push("attributes.status = 'FINISHED'");
  const name = runs[0]?.name;
  if (name) {
    examples.push(`attributes.run_name LIKE ${literal(`${name.slice(0, 4)}%`)}`);
  }
  const user = runs.find(run => run.user)?.user;
  if (user) {
    examples.push(`tags.\`mlflow.user\` = ${literal(user)}`);
  }
  return examples;
}

/** An experiment's run count as the server gives it: null means it stopped counting. */
export function formatRunCount(runs: number | null | undefined): string {
  if (runs === null || runs === undefined) {
    return '100+ runs';
  }
  return `${runs} run${runs === 1 ? '' : 's'}`;
}
