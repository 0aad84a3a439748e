import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskFiles, listedDisk, type ProjectFiles } from '../../../server/src/project/files';

describe('ProjectFiles: the live disk and one run\'s listed view of it answer alike', () => {
  let dir: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-files-')));
    mkdirSync(join(dir, 'chart/templates'), { recursive: true });
    writeFileSync(join(dir, 'chart/Chart.yaml'), '\uFEFFname: demo\n');
    writeFileSync(join(dir, 'chart/templates/b.yaml'), 'b\n');
    writeFileSync(join(dir, 'chart/templates/a.yaml'), 'a\n');
    symlinkSync(join(dir, 'chart/Chart.yaml'), join(dir, 'linked.yaml'));
    symlinkSync(join(dir, 'chart'), join(dir, 'linked-dir'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, make] of [['diskFiles', () => diskFiles], ['listedDisk()', listedDisk]] as const) {
    it(`${name}: files, folders, symbolic links followed, missing paths`, () => {
      const files: ProjectFiles = make();
      assert.equal(files.read(`${dir}/chart/Chart.yaml`), 'name: demo\n', 'text without its byte order mark');
      assert.equal(files.read(`${dir}/linked.yaml`), 'name: demo\n');
      assert.equal(files.read(`${dir}/chart`), undefined, 'a folder has no text');
      assert.equal(files.read(`${dir}/chart/values.yaml`), undefined);
      assert.equal(files.read(`${dir}/dangling`), undefined);
      assert.deepEqual([files.exists(`${dir}/chart/Chart.yaml`), files.exists(`${dir}/linked-dir`), files.exists(`${dir}/dangling`), files.exists(`${dir}/chart/values.yaml`), files.exists(`${dir}/no/such/folder/x`)], [true, true, false, false, false]);
      assert.deepEqual([files.isDirectory(`${dir}/chart`), files.isDirectory(`${dir}/linked-dir`), files.isDirectory(`${dir}/linked.yaml`), files.isDirectory(dir), files.isDirectory('/')], [true, true, false, true, true]);
      assert.deepEqual(files.entries(`${dir}/chart/templates`)?.map((e) => e.name), ['a.yaml', 'b.yaml'], 'entries sorted by name');
      assert.deepEqual(files.entries(dir)?.map((e) => [e.name, e.isSymbolicLink()]), [['chart', false], ['dangling', true], ['linked-dir', true], ['linked.yaml', true]]);
      assert.equal(files.entries(`${dir}/nowhere`), undefined);
      assert.deepEqual(files.list(`${dir}/chart`), [`${dir}/chart/Chart.yaml`, `${dir}/chart/templates/a.yaml`, `${dir}/chart/templates/b.yaml`]);
    });
  }

  it('listedDisk() lists a folder once: a file added later in the run is not seen, where the live disk sees it', () => {
    const listed = listedDisk();
    assert.equal(listed.exists(`${dir}/chart/values.yaml`), false);
    writeFileSync(join(dir, 'chart/values.yaml'), 'replicas: 1\n');
    assert.equal(listed.exists(`${dir}/chart/values.yaml`), false);
    assert.equal(diskFiles.exists(`${dir}/chart/values.yaml`), true);
    assert.equal(listedDisk().read(`${dir}/chart/values.yaml`), 'replicas: 1\n', 'a new run sees it');
  });
});
