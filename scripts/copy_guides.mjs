// Ship the guides with the labextension: Studio in VPC-only mode has no internet, so the
// Help menu opens these copies, served by JupyterLab from the extension's static folder
// ({base_url}lab/extensions/jupyter_dsws/static/guides/...). Runs after jupyter-builder,
// which empties static/ first. Paths keep their place in the repository, so the links
// between the guides (../infra/README.md, images/...) work as they do on GitHub.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'jupyter_dsws', 'labextension', 'static', 'guides');

const files = [
  ...readdirSync(join(root, 'docs'))
    .filter(name => name.endsWith('.md') || name === 'openapi.yaml')
    .map(name => `docs/${name}`),
  ...readdirSync(join(root, 'docs', 'images')).map(name => `docs/images/${name}`),
  'infra/README.md',
  'lifecycle/README.md'
];
for (const file of files) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  copyFileSync(join(root, file), join(target, file));
}
console.log(`jupyter_dsws: ${files.length} guide files in ${target}`);
