/**
 * `npm run sim -- --port N`: the simulator alone, seeded with the demo account. Prints one JSON
 * line first ({url, wsUrl, apiKey, apiSecret}); Ctrl-C or SIGTERM stops it cleanly.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const sim = await startSimulator({ port: Number(values.port) });
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.stdout.write(`${JSON.stringify({ url: sim.url, wsUrl: sim.wsUrl, apiKey: sim.apiKey, apiSecret: sim.apiSecret })}\n`);
