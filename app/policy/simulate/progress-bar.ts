/** `[#########...........]  12/30 orders`: one line, redrawn in place. */
export function renderProgress(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.min(width, Math.floor((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} orders`;
}

type Stream = { isTTY?: boolean; write(text: string): unknown };

/**
 * A progress bar on a terminal, nothing when the stream is a file or a pipe (CI logs, `2> log`),
 * where redrawn lines would only be noise.
 */
export function createProgressBar(stream: Stream): { update(done: number, total: number): void; finish(): void } {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let drawn = false;
  return {
    update(done, total) {
      stream.write(`\r${renderProgress(done, total)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
