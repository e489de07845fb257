/**
 * Browser tests against real JupyterLab servers running the built wheel.
 *
 * Three servers, each a separate Python environment made by `make wheel-envs`:
 *  - newest:      the newest JupyterLab, via `dsws demo` (moto seeded with the team's data)
 *  - studio-4.5:  JupyterLab 4.5.10 + jupyter_server 2.20.0, the SageMaker Distribution's
 *  - unreachable: the newest JupyterLab pointed at an AWS endpoint whose port refuses
 *
 * Playwright never downloads a browser here: Debian's Chromium is launched.
 */
import { defineConfig } from '@playwright/test';
import * as path from 'path';

export const TOKEN = 'dsws-ui-tests';
const ROOT = path.resolve(__dirname, '..');
const ENVS = process.env.DSWS_WHEEL_ENVS ?? path.join(ROOT, 'build', 'envs');
const WORK = path.join(ROOT, 'build', 'ui-tests');

// DSWS_UI_PORT_BASE lets two runs on one machine use different ports.
const BASE = Number(process.env.DSWS_UI_PORT_BASE ?? 18890);
const PORTS = { newest: BASE, studio: BASE + 1, unreachable: BASE + 2 };

function demo(env: string, port: number): string {
  return [
    path.join(ENVS, env, 'bin', 'dsws'),
    'demo',
    `--port=${port}`,
    `--token=${TOKEN}`,
    '--no-browser',
    `--root-dir=${path.join(WORK, env)}`,
    '--',
    '--log-level=WARN'
  ].join(' ');
}

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
  workers: 1,
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
      testIgnore: /unreachable\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.newest}` }
    },
    {
      name: 'studio-4.5',
      testIgnore: /unreachable\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.studio}` }
    },
    {
      name: 'unreachable',
      testMatch: /unreachable\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.unreachable}` }
    }
  ],
  webServer: [
    { command: demo('newest', PORTS.newest), ...server('newest', PORTS.newest) },
    { command: demo('studio', PORTS.studio), ...server('studio-4.5', PORTS.studio) },
    {
      command: [
        `mkdir -p ${path.join(WORK, 'unreachable')} &&`,
        path.join(ENVS, 'newest', 'bin', 'jupyter-lab'),
        '--log-level=WARN',
        '--no-browser',
        '--allow-root',
        '--ip=127.0.0.1',
        `--port=${PORTS.unreachable}`,
        `--IdentityProvider.token=${TOKEN}`,
        `--ServerApp.root_dir=${path.join(WORK, 'unreachable')}`,
        '--DSWSExtension.region=eu-central-1',
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        '--DSWSExtension.aws_endpoint_url=http://127.0.0.1:9'
      ].join(' '),
      env: {
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
      },
      ...server('unreachable', PORTS.unreachable)
    }
  ]
});
