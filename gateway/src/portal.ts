import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * The portal's static files at `/`, on the origin of `/graphql` (portal/ builds them into
 * portal/dist), with strict security headers: scripts only from this origin, the identity
 * provider the only other origin the page may talk to or post a form to, no framing.
 * `/portal-config.json` tells the page where to log in and the server's time (the portal counts
 * deadlines down on the server's clock, which a development clock may set apart from the browser's).
 */
export interface PortalOptions {
  /** The built portal (index.html and assets/). */
  dir: string;
  /** The realm URL as the browser reaches it (the OIDC issuer). */
  issuer: string;
  clientId: string;
  now: () => Date;
}

export function portalSecurityHeaders(issuer: string): Record<string, string> {
  const idp = new URL(issuer).origin;
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      // Ant Design writes its CSS-in-JS into <style> elements.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${idp}`,
      `form-action 'self' ${idp}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export function mountPortal(app: Express, options: PortalOptions): boolean {
  const index = join(options.dir, 'index.html');
  if (!existsSync(index)) return false;
  const headers = portalSecurityHeaders(options.issuer);
  const secure = (_req: Request, res: Response, next: NextFunction) => {
    res.set(headers);
    next();
  };
  app.get('/portal-config.json', secure, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ issuer: options.issuer, clientId: options.clientId, serverTime: options.now().toISOString() });
  });
  // Hashed assets are immutable; index.html always revalidates so a new build is picked up.
  app.use('/assets', secure, express.static(join(options.dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(secure, express.static(options.dir, { index: false, maxAge: 0 }));
  // Client-side routes: every other GET that is not the API is the page itself.
  app.get(/^\/(?!graphql|health).*/, secure, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return true;
}
