/**
 * Wires the outbox worker for a process: the adapters chosen in configuration (SMTP, the SMS
 * gateway or its local simulator), each checked before use, then the worker loop.
 */
import type { Db } from '../db/client.js';
import { createSmtpSender, type EmailSender } from '../integrations/email/index.js';
import { createHttpSmsSender, type SmsSender } from '../integrations/sms/index.js';
import { type SmsSimulator, startSmsSimulator } from '../integrations/sms/simulator.js';
import { emailChannel, smsChannel } from './channels.js';
import type { OutboxConfig } from './config.js';
import { type Deliver, OutboxWorker } from './worker.js';

export interface OutboxRuntime {
  worker: OutboxWorker | null;
  /** The local SMS gateway, when SMS_ADAPTER=simulator. */
  smsSimulator: SmsSimulator | null;
  channels: string[];
  /** Finishes the batch in flight, then closes the adapters. */
  stop(): Promise<void>;
}

export async function startOutbox(
  db: Db,
  config: OutboxConfig,
  opts: { listenUrl?: string | null; log?: (msg: string) => void } = {},
): Promise<OutboxRuntime> {
  const say = opts.log ?? (() => {});
  if (!config.worker) {
    say('outbox worker: off in this process (OUTBOX_WORKER=false)');
    return { worker: null, smsSimulator: null, channels: [], stop: async () => {} };
  }
  const channels: Record<string, Deliver> = {};
  let email: EmailSender | null = null;
  let smsSimulator: SmsSimulator | null = null;

  if (config.smtp) {
    email = createSmtpSender(config.smtp);
    // A wrong setting is reported at start, but does not stop the server: messages wait, retry
    // and, once it is fixed, go out.
    await email
      .verify()
      .then(() => say(`e-mail: SMTP ${config.smtp?.host}:${config.smtp?.port} ready`))
      .catch((e: Error) => say(`e-mail: SMTP check failed (${e.message}); messages will be retried`));
    channels.email = emailChannel(email);
  } else {
    say('e-mail: no SMTP_HOST; e-mail notifications stay queued');
  }

  let sms: SmsSender | null = null;
  if (config.sms.adapter === 'simulator') {
    smsSimulator = await startSmsSimulator({ log: (m) => say(`sms simulator: ${m}`) });
    sms = smsSimulator.sender({ timeoutMs: config.sms.timeoutMs });
    say(`sms: local simulator at ${smsSimulator.url}/messages`);
  } else if (config.sms.adapter === 'http' && config.sms.url) {
    sms = createHttpSmsSender({
      url: config.sms.url,
      token: config.sms.token,
      sender: config.sms.sender,
      timeoutMs: config.sms.timeoutMs,
    });
    await sms
      .verify()
      .then(() => say(`sms: gateway ${config.sms.url} ready`))
      .catch((e: Error) => say(`sms: gateway check failed (${e.message}); messages will be retried`));
  } else {
    say('sms: SMS_ADAPTER=none; SMS notifications stay queued');
  }
  if (sms) channels.sms = smsChannel(sms, { unaccented: config.sms.unaccented });

  const worker = new OutboxWorker({
    db,
    channels,
    ...config.settings,
    listenUrl: opts.listenUrl ?? null,
    log: (_level, m) => say(m),
  });
  worker.start();
  return {
    worker,
    smsSimulator,
    channels: Object.keys(channels),
    async stop() {
      await worker.stop();
      email?.close();
      await smsSimulator?.close();
    },
  };
}
