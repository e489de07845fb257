import type { EmrCheckStep, EmrCluster } from '../generated/api-types';
import { CheckName } from './api';

/** How old a cluster is, in the largest whole unit: "12 min", "5 h", "3 d". */
export function formatAge(created: string | null, now: number = Date.now()): string {
  if (!created) {
    return 'unknown';
  }
  const ms = now - Date.parse(created);
  if (!Number.isFinite(ms)) {
    return 'unknown';
  }
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) {
    return 'under a minute';
  }
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h`;
  }
  return `${Math.floor(hours / 24)} d`;
}

/** How long a step took: "0.02 s", "1.4 s", "10 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) {
    return `${seconds.toFixed(2)} s`;
  }
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** What each step of the path check proves, as a person reads it. */
export const CHECK_LABEL: Record<CheckName, string> = {
  endpoint: 'EMR API endpoint reachable',
  dns: "Primary node's DNS name resolves",
  security_group: 'Security group admits Livy',
  tcp: 'TCP connection to Livy',
  livy: 'Livy answers'
};

export function checkLabel(check: EmrCheckStep, cluster: EmrCluster): string {
  const label = CHECK_LABEL[check.name] ?? check.name;
  return check.name === 'security_group' || check.name === 'tcp'
    ? `${label} (port ${cluster.livy_port})`
    : label;
}

/** A step left out after an earlier failure (the server says why, "Not run: …"). */
export function notRun(check: EmrCheckStep): boolean {
  return !check.ok && /^not run\b/i.test(check.detail);
}

/** The summary above the steps: all passed, or the first that failed. */
export function checkSummary(checks: readonly EmrCheckStep[]): string {
  const failed = checks.find(check => !check.ok);
  if (!failed) {
    return `All ${checks.length} steps passed: Connect will reach Livy.`;
  }
  return `Failed at: ${CHECK_LABEL[failed.name] ?? failed.name}.`;
}

/** A cluster's applications, in one line: "Spark, Livy, Hive". */
export function formatApplications(applications: readonly string[]): string {
  return applications.length ? applications.join(', ') : 'none';
}
