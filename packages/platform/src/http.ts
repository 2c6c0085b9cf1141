import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface ListeningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `/health` on every process: 200 when it can serve, 503 when a dependency it needs is down. */
export function mountHealth(app: express.Express, name: string, checkHealth?: () => Promise<void>): void {
  app.get('/health', async (_req, res) => {
    try {
      await checkHealth?.();
      res.json({ status: 'ok', service: name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: name });
    }
  });
}

export function listen(server: Server, port: number, host = '127.0.0.1', onClose?: () => Promise<void>): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        close: async () => {
          if (onClose) await onClose();
          if (server.listening) await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
