/**
 * The MQTT ceiling: a bare Aedes broker (as the embedded one, without
 * wordmill) on a free port, relaying publisher → subscriber. Prints
 * `{"url":"mqtt://127.0.0.1:<port>"}` once it listens.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

const aedes = await Aedes.createBroker();
const server = createServer(aedes.handle);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => aedes.close(() => process.exit(0))));
