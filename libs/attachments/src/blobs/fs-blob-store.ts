import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { BlobStore } from './blob-store';

/** Files under one folder (`DATA_DIR/attachments` on the single process), readable by the server's user only. */
export class FsBlobStore extends BlobStore {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    // A rename is atomic on one file system; across file systems (a tmpfs spool) copy, then remove.
    await rename(path, target).catch(async () => {
      await copyFile(path, target);
      await rm(path, { force: true });
    });
  }

  async read(key: string): Promise<{ body: ReturnType<typeof createReadStream>; size: number } | null> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    return { body: createReadStream(path), size: info.size };
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  presignedUrl(): Promise<string | null> {
    return Promise.resolve(null);
  }

  /** Keys are made by this library (`rooms/<id>/<id>`); the check only guards against a future mistake. */
  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`blob key outside the store: ${key}`);
    return path;
  }
}
