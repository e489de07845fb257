import type { CloneRequest, CloneStatus, Repository } from '../generated/api-types';

/** Whether a typed text is a URL (https://…, codecommit::…) or a repository name. */
export function requestFor(typed: string): CloneRequest {
  const text = typed.trim();
  return /^[a-z][a-z0-9+.-]*(:\/\/|::)/i.test(text) ? { url: text } : { repo: text };
}

/**
 * The folder a clone gets by default: the repository's name at the top of the workspace,
 * wherever the file browser is (from inside a clone, a clone of the same repository
 * would nest in it).
 */
export function defaultFolder(typed: string): string {
  const text = typed.trim().replace(/\/+$/, '');
  const last = text.split(/[/:]/).pop() ?? '';
  return last.replace(/\.git$/i, '') || 'repository';
}

/** "Receiving objects 45%" for a running clone, the message otherwise. */
export function describeClone(status: CloneStatus): string {
  if (status.state === 'running') {
    return `${status.phase} ${status.progress}%`;
  }
  return status.message;
}

/** Repositories whose name or description holds `filter` (case-insensitive). */
export function filterRepositories(repos: Repository[], filter: string): Repository[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) {
    return repos;
  }
  return repos.filter(
    repo =>
      repo.name.toLowerCase().includes(needle) ||
      (repo.description ?? '').toLowerCase().includes(needle)
  );
}
