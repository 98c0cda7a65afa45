import { connect } from 'node:net';
import { createDatabase } from '~/db/client.server';
import { runJobsCommand } from '~/jobs/jobs-command.server';
import { createQueue } from '~/jobs/queue.server';
import { readConfigOrExit } from '~/process-start.server';

/*
 * `npm run jobs -- parked | counts | redrive (--id ID | --all) [--queue NAME]`: parked jobs, on
 * the database `npm run worker` and the portal use (DATABASE_URL, else the embedded one in
 * COMPTOIR_DATA_DIR). See app/jobs/jobs-command.server.ts for the commands.
 */
const config = readConfigOrExit();
const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;

/** Whether something answers on the portal's address: then it holds the embedded database. */
function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

// PGlite belongs to one process: opening its folder while the portal runs would corrupt it.
if (!config.database.url && (await isListening(config.host, config.port))) {
  console.error(`The portal is running at ${origin} with the embedded database, which only one process may open.
Stop it first, or use ${origin}/__sandbox/jobs in sandbox mode.`);
  process.exit(1);
}

const database = await createDatabase(config.database);
const queue = await createQueue(database);
try {
  process.exitCode = await runJobsCommand(queue, process.argv.slice(2), (line) => console.log(line));
} finally {
  await queue.stop();
  await database.close();
}
