/**
 * What every benchmark script needs around its measurements: integer options with their ranges,
 * clean-up steps undone last-first whatever happens, and one abort signal for Ctrl-C and time
 * limits.
 */

/** An integer command-line option, refused with its name and range when it is not one. */
export function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} expects an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

const cleanups: { name: string; run: () => Promise<void> }[] = [];

/** Registers how to undo something just started (a server, a scratch database, a folder). */
export const onCleanup = (name: string, run: () => Promise<void>) => cleanups.push({ name, run });

/** Undoes everything registered, last first; a failing step is reported and the rest still run. */
export async function cleanUp(log: (msg: string) => void): Promise<void> {
  while (cleanups.length) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (e) {
      log(`clean-up "${step.name}" failed: ${(e as Error).message}`);
    }
  }
}

export const abort = new AbortController();

export function interrupted(): never {
  throw new Error(`interrupted (${String(abort.signal.reason)})`);
}
