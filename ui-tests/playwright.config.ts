/**
 * Browser tests against real JupyterLab servers running the built wheel.
 *
 * The servers, from the Python environments made by `make wheel-envs`:
 *  - newest:      the newest JupyterLab, via `dsws demo` (moto seeded with the team's data)
 *  - studio-4.5:  JupyterLab 4.5.10 + jupyter_server 2.20.0, the SageMaker Distribution's
 *  - unreachable: the newest JupyterLab pointed at an AWS endpoint whose port refuses
 *  - silent:      the same, but the endpoint's port accepts connections and never answers
 *  (the idle-stop test starts its own `dsws demo`, with a 30-second idle timeout, when it
 *  begins: a server started with these would stop itself before its test came; the
 *  throttled test its own, whose emulator throttles half the AWS calls)
 *
 * Playwright never downloads a browser here: Debian's Chromium is launched.
 */
import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { demoArgs, ENVS, PORTS, TOKEN, WORK } from './servers';

function demo(env: string, port: number, dir: string): string {
  return demoArgs(env, port, dir).join(' ');
}

/**
 * The demo's MLflow (the Experiments panel's tracking server) from `make mlflow-env`: a
 * wheel environment cannot find the checkout's build/ folder by itself.
 */
const MLFLOW =
  process.env.DSWS_MLFLOW ??
  path.resolve(__dirname, '..', 'build', 'mlflow-env', 'bin', 'mlflow');
const DEMO_ENV: Record<string, string> = fs.existsSync(MLFLOW)
  ? { DSWS_MLFLOW: MLFLOW }
  : {};

/** The newest JupyterLab with our extension pointed at `endpoint`, fake credentials. */
function labAgainst(
  port: number,
  endpoint: string,
  dir: string,
  ...extra: string[]
): string {
  return [
    `mkdir -p ${path.join(WORK, dir)} &&`,
    path.join(ENVS, 'newest', 'bin', 'jupyter-lab'),
    '--log-level=WARN',
    '--no-browser',
    '--allow-root',
    '--ip=127.0.0.1',
    `--port=${port}`,
    `--IdentityProvider.token=${TOKEN}`,
    `--ServerApp.root_dir=${path.join(WORK, dir)}`,
    '--DSWSExtension.region=eu-central-1',
    `--DSWSExtension.aws_endpoint_url=${endpoint}`,
    // Its own per-person state, not the home folder's shared by every run.
    `--DSWSExtension.state_dir=${path.join(WORK, dir, '.dsws-state')}`,
    ...extra
  ].join(' ');
}

const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
};

function server(name: string, port: number) {
  return {
    url: `http://127.0.0.1:${port}/api/status?token=${TOKEN}`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    // SIGTERM, so that `dsws demo` stops the JupyterLab and the emulator it started.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
    name
  };
}

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  retries: process.env.CI ? 1 : 0,
  // Two projects at a time, each on its own servers; within a project one test at a time,
  // as its tests share one demo's data (every project below has workers: 1).
  workers: Number(process.env.DSWS_UI_WORKERS ?? 2),
  reporter: [['list']],
  use: {
    video: 'off',
    trace: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run'
      ]
    }
  },
  projects: [
    {
      name: 'newest',
      workers: 1,
      testIgnore: /(unreachable|idle-stop|panels|throttled|spaces|shared)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.newest}` }
    },
    {
      name: 'studio-4.5',
      workers: 1,
      testIgnore: /(unreachable|idle-stop|panels|throttled|spaces|shared)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.studio}` }
    },
    {
      name: 'unreachable',
      workers: 1,
      testMatch: /unreachable\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.unreachable}` }
    },
    {
      name: 'silent',
      workers: 1,
      testMatch: /(unreachable|panels)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.silent}` }
    },
    {
      name: 'idle',
      workers: 1,
      testMatch: /idle-stop\.spec\.ts/,
      retries: 0, // the server stops during the test: a retry would find none
      use: { baseURL: `http://127.0.0.1:${PORTS.idle}` }
    },
    {
      // Its own `dsws demo`, started by the test: Studio's spaces, apps and lifecycle
      // configurations, from the demo's Studio page and from JupyterLab.
      name: 'spaces',
      workers: 1,
      testMatch: /spaces\.spec\.ts/,
      retries: 0, // the test changes the domain and the space as it goes
      use: { baseURL: `http://127.0.0.1:${PORTS.spaces}` }
    },
    {
      // Its own `dsws demo`, started by the test: two people in the team's shared space.
      name: 'shared',
      workers: 1,
      testMatch: /shared\.spec\.ts/,
      retries: 0, // the test ends with the space stopped
      use: { baseURL: `http://127.0.0.1:${PORTS.shared}` }
    },
    {
      // Its own `dsws demo`, started by the test, whose emulator throttles half the calls.
      name: 'throttled',
      workers: 1,
      testMatch: /throttled\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.throttled}` }
    }
  ],
  webServer: [
    {
      command: demo('newest', PORTS.newest, 'newest'),
      env: DEMO_ENV,
      ...server('newest', PORTS.newest)
    },
    {
      command: demo('studio', PORTS.studio, 'studio'),
      env: DEMO_ENV,
      ...server('studio-4.5', PORTS.studio)
    },
    {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused.
      command: labAgainst(PORTS.unreachable, 'http://127.0.0.1:9', 'unreachable'),
      env: FAKE_AWS,
      ...server('unreachable', PORTS.unreachable)
    },
    {
      // A listener that accepts and never answers, in the same process group as the
      // server, so that Playwright's SIGTERM stops both.
      command:
        `node -e "require('net').createServer(() => {}).listen(${PORTS.silentAws}, '127.0.0.1')" & ` +
        labAgainst(
          PORTS.silent,
          `http://127.0.0.1:${PORTS.silentAws}`,
          'silent',
          // Only one panel on: panels.spec.ts checks the others are gone.
          '--DSWSExtension.panels=codecommit'
        ),
      env: FAKE_AWS,
      ...server('silent', PORTS.silent)
    }
  ]
});
