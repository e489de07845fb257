/** Where the browser tests' servers live: shared by the config and the tests. */
import * as path from 'path';

export const TOKEN = 'dsws-ui-tests';
const ROOT = path.resolve(__dirname, '..');
/** The Python environments `make wheel-envs` makes (DSWS_WHEEL_ENVS to use others). */
export const ENVS = process.env.DSWS_WHEEL_ENVS ?? path.join(ROOT, 'build', 'envs');
/** The servers' workspaces (DSWS_UI_WORK to keep two runs apart). */
export const WORK = process.env.DSWS_UI_WORK ?? path.join(ROOT, 'build', 'ui-tests');

// DSWS_UI_PORT_BASE lets two runs on one machine use different ports.
const BASE = Number(process.env.DSWS_UI_PORT_BASE ?? 18890);
export const PORTS = {
  newest: BASE,
  studio: BASE + 1,
  unreachable: BASE + 2,
  silent: BASE + 3,
  silentAws: BASE + 4,
  idle: BASE + 5,
  throttled: BASE + 6,
  spaces: BASE + 7,
  shared: BASE + 8
};

/** The Studio page of the demo whose JupyterLab is on `port`. */
export function studioPort(port: number): number {
  return port + 100;
}

/** The wheel the demos' lifecycle configuration installs in their spaces (`make wheel`). */
export const DIST = process.env.DSWS_DIST ?? path.join(ROOT, 'dist');

/** `dsws demo` from environment `env`, serving workspace `dir`; `labArgs` go to JupyterLab. */
export function demoArgs(
  env: string,
  port: number,
  dir: string,
  ...labArgs: string[]
): string[] {
  return [
    path.join(ENVS, env, 'bin', 'dsws'),
    'demo',
    `--port=${port}`,
    `--studio-port=${studioPort(port)}`,
    `--wheel=${DIST}`,
    `--token=${TOKEN}`,
    '--no-browser',
    `--root-dir=${path.join(WORK, dir)}`,
    '--',
    '--log-level=WARN',
    ...labArgs
  ];
}
