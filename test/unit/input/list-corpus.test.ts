/**
 * listCorpus names each file as the path functions would (its path joined
 * under the root as given, its source relative to the root, its absolute
 * path), whichever way the root is written; it works them out per folder.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCorpus } from '../../../src/input/file/corpus.ts';

let dir: string;
const cwd = process.cwd();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-list-'));
  await mkdir(join(dir, 'books', 'sub', 'deeper'), { recursive: true });
  await mkdir(join(dir, 'elsewhere'));
  for (const name of ['a.txt', 'sub/b.txt', 'sub/deeper/c.txt', 'sub/notes.md']) await writeFile(join(dir, 'books', name), 'x');
  await writeFile(join(dir, 'elsewhere', 'd.txt'), 'x');
  await symlink(join(dir, 'elsewhere'), join(dir, 'books', 'linked'));
  process.chdir(dir);
});
afterAll(async () => {
  process.chdir(cwd);
  await rm(dir, { recursive: true, force: true });
});

describe('listCorpus', () => {
  const roots: Array<[string, () => string]> = [
    ...['books', 'books/', './books', 'books/./sub/..'].map((r): [string, () => string] => [r, () => r]),
    ['<absolute>', () => join(dir, 'books')],
    ['<absolute>/', () => `${join(dir, 'books')}/`],
  ];
  for (const [label, root] of roots) {
    it(`names files as join, relative and resolve do, for the root "${label}"`, async () => {
      const given = root();
      const corpus = await listCorpus(given, ['txt']);
      const inside = ['a.txt', 'linked/d.txt', 'sub/b.txt', 'sub/deeper/c.txt'];
      expect(corpus.files).toEqual(inside.map((name) => {
        const path = join(given, name);
        return { path, absolutePath: resolve(path), source: relative(given, path) };
      }));
      expect(corpus.files.map((f) => f.source)).toEqual(inside);
      expect(corpus.skipped).toBe(1);
    });
  }

  it('takes a file given as the root as it is, made absolute', async () => {
    const corpus = await listCorpus('books/sub/b.txt', ['txt']);
    expect(corpus.files).toEqual([{ path: 'books/sub/b.txt', absolutePath: join(dir, 'books', 'sub', 'b.txt'), source: 'books/sub/b.txt' }]);
  });
});
