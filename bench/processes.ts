import { spawn, type ChildProcess } from 'node:child_process';

/** A server started for the benchmark, stopped when the benchmark ends. */
export type Started = {
  url: string;
  /** For the CPU figures read from /proc. */
  pid: number;
  stop(): void;
  /** Stops it and resolves once the process has exited (bounded: SIGKILL after `graceMs`). */
  stopAndWait(graceMs?: number): Promise<void>;
};

/** Spawns a command and resolves once it prints `ready` (a regexp); rejects if it exits first. */
export function startProcess(command: string, args: string[], env: Record<string, string>, ready: RegExp, url: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stopAndWait = async (graceMs = 25_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        child.stdout?.off('data', onData);
        // Keep draining its output so a chatty process never blocks on a full pipe.
        child.stdout?.resume();
        resolve({ url, pid: child.pid!, stop: () => child.kill('SIGTERM'), stopAndWait });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}
