import { Server } from 'node:http';

/*
 * Every HTTP server a test starts (emulators, fakes, portals) keeps an idle kept-alive socket until
 * the client lets it go. PGlite's initdb blocks the event loop for seconds under load; when it lets
 * go, the client may pick a pooled socket in the same tick as the server's 5 s idle timer closes it,
 * and the request fails with ECONNRESET (seen in loaded runs). Only the client closing idle sockets
 * removes that race; `server.close()` still drops idle sockets at the end of a test file.
 */
const listen = Server.prototype.listen;
Server.prototype.listen = function listenWithoutIdleTimeout(this: Server, ...args: Parameters<Server['listen']>) {
  this.keepAliveTimeout = 0;
  return listen.apply(this, args);
} as Server['listen'];
