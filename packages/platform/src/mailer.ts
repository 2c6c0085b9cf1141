import { createTransport } from 'nodemailer';
import { ConfigError, readInt, readOptional } from './config';

/**
 * Outgoing e-mail (notifications: reminders, escalations, locked accounts). One small port so that
 * the callers never see SMTP, and one adapter on nodemailer's pooled SMTP transport.
 */
export interface Mailer {
  /** Sends one plain-text UTF-8 message to one address; rejects when the server does not accept it. */
  send(to: string, subject: string, text: string): Promise<void>;
}

/** A mailer that holds connections: `close()` ends them (at shutdown). */
export interface ClosableMailer extends Mailer {
  close(): void;
}

export interface MailerConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS). */
  url: string;
  /** The sender, e.g. `"Hệ thống đánh giá CBCCVC" <no-reply@hanoi.gov.vn>`. */
  from: string;
  /** Connection, greeting and socket timeout of each SMTP exchange. */
  timeoutMs: number;
  /** Simultaneous SMTP connections of the pool. */
  maxConnections: number;
}

type Env = Record<string, string | undefined>;

/**
 * Reads SMTP_URL, SMTP_FROM, SMTP_TIMEOUT_MS and SMTP_MAX_CONNECTIONS. Without SMTP_URL e-mail is
 * off (undefined). SMTP_URL and SMTP_FROM come together or not at all, so a half-configured mailer
 * fails at start-up. The URL carries the password: no error message ever repeats it, and nothing
 * has a default but the harmless timeout and pool size.
 */
export function readMailerConfig(env: Env): MailerConfig | undefined {
  const raw = readOptional(env, 'SMTP_URL');
  const from = readOptional(env, 'SMTP_FROM');
  if (raw === undefined) {
    if (from !== undefined) throw new ConfigError('SMTP_URL is required when SMTP_FROM is set');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@host:587 (value not shown: it may hold a password)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL must name a host');
  if (from === undefined) throw new ConfigError('SMTP_FROM is required when SMTP_URL is set');
  if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>,;]+@[^\s@<>,;]+)$/.test(from) || /[\r\n]/.test(from)) {
    throw new ConfigError(`SMTP_FROM must be an address, optionally with a display name ("Name" <addr@host>), got "${from}"`);
  }
  return {
    url: raw,
    from,
    timeoutMs: readInt(env, 'SMTP_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
    maxConnections: readInt(env, 'SMTP_MAX_CONNECTIONS', 4, { min: 1, max: 50 }),
  };
}

/** One recipient, no list and no header tricks. */
const singleAddress = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+\.[^\s@,;<>"()[\]\\]+$/;

/**
 * The SMTP mailer for a configuration, or null when e-mail is not configured (the notifications
 * are then only stored and read in the application).
 */
export function createMailer(config: MailerConfig | undefined): ClosableMailer | null {
  if (!config) return null;
  const transport = createTransport(
    {
      url: config.url,
      pool: true,
      maxConnections: config.maxConnections,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    },
    { from: config.from },
  );
  return {
    async send(to, subject, text) {
      if (!singleAddress.test(to)) throw new Error('the recipient is not a single e-mail address');
      const info = await transport.sendMail({ to, subject, text });
      if (!info.accepted.map((address) => String(address).toLowerCase()).includes(to.toLowerCase())) {
        throw new Error(`the SMTP server did not accept the recipient (${String(info.response ?? 'no response')})`);
      }
    },
    close() {
      transport.close();
    },
  };
}
