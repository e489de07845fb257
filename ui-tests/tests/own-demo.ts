import { test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { demoArgs, WORK } from '../servers';

/** How long a test's own demo may take to start (seed, Studio page, JupyterLab). */
const START_MS = 180_000;

/** A `dsws demo` a spec file started for itself (see startOwnDemo). */
export class OwnDemo {
  constructor(
    private readonly process: ChildProcess,
    /** Everything the demo prints goes here: the test's failure shows it. */
    readonly logFile: string
  ) {}

  printed(): string {
    return fs.readFileSync(this.logFile, 'utf-8');
  }

  /** SIGTERM to the demo's process group: `dsws demo` stops its JupyterLab and emulator. */
  stop(): void {
    if (this.process.pid && this.process.exitCode === null) {
      process.kill(-this.process.pid, 'SIGTERM');
    }
  }
}

/**
 * Start a `dsws demo` of the newest environment for one spec file, in a fresh WORK/<name>
 * and WORK/<name>-state (`prepare` runs after they are emptied, before the start), and
 * wait until it prints `ready`. Call it from `beforeAll`: it gives that hook the time a
 * demo needs to start on a loaded machine, and the test's own timeout stays its own.
 */
export async function startOwnDemo(
  name: string,
  port: number,
  options: {
    labArgs?: string[];
    env?: Record<string, string>;
    prepare?: () => void;
    ready?: RegExp;
  } = {}
): Promise<OwnDemo> {
  test.setTimeout(START_MS + 30_000);
  const root = path.join(WORK, name);
  const state = path.join(WORK, `${name}-state`);
  for (const dir of [root, state]) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  options.prepare?.();
  const args = demoArgs('newest', port, name, ...(options.labArgs ?? []));
  args.splice(args.indexOf('--'), 0, `--state-dir=${state}`);
  const [command, ...rest] = args;
  fs.mkdirSync(WORK, { recursive: true });
  const logFile = path.join(WORK, `${name}-demo.txt`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, rest, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...options.env }
  });
  fs.closeSync(log);
  const demo = new OwnDemo(child, logFile);
  const ready = options.ready ?? /dsws demo is ready/;
  const deadline = Date.now() + START_MS;
  while (!ready.test(demo.printed())) {
    if (Date.now() > deadline || child.exitCode !== null) {
      demo.stop();
      throw new Error(`the ${name} demo did not start:\n${demo.printed()}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return demo;
}
