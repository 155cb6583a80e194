import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** Thrown when another live process holds the data directory. */
export class DataDirectoryInUse extends Error {
  override readonly name = 'DataDirectoryInUse';
}

/**
 * One standalone process per data directory: a lock file with the holder's pid, created
 * exclusively. A lock whose process is gone (killed) is taken over; one whose process lives
 * refuses the start with a message saying which process holds it.
 */
export class DataDirectoryLock {
  private constructor(private readonly file: string) {}

  static async acquire(directory: string): Promise<DataDirectoryLock> {
    await mkdir(directory, { recursive: true });
    const file = path.join(directory, 'liaison.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(file, 'wx', 0o644);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return new DataDirectoryLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirectoryInUse(
          `The data directory ${path.resolve(directory)} is in use by another Liaison process (pid ${holder}). ` +
            'Stop that one first, or set LIAISON_DATA_DIR to another directory.',
        );
      }
      // its holder is gone (killed, or the machine restarted): take it over
      await rm(file, { force: true });
    }
    throw new DataDirectoryInUse(`Could not take the lock ${file}: another process keeps taking it`);
  }

  async release(): Promise<void> {
    const holder = Number.parseInt(await readFile(this.file, 'utf8').catch(() => ''), 10);
    if (holder === process.pid) await rm(this.file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
