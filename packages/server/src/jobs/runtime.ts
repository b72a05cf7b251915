/**
 * Wires the outbox worker for a process: the adapters chosen in configuration (SMTP, the SMS
 * gateway or its local simulator, the postal carrier or its local simulator), each checked
 * before use, then the worker loop; and beside it the day counters' worker (migration 0019),
 * which needs no adapter. Both run where OUTBOX_WORKER is on and stop together.
 */
import type { PostalConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { createSmtpSender, type EmailSender } from '../integrations/email/index.js';
import { createHttpPostalSender, type PostalSender } from '../integrations/postal/index.js';
import { type PostalSimulator, startPostalSimulator } from '../integrations/postal/simulator.js';
import { createHttpSmsSender, type SmsSender } from '../integrations/sms/index.js';
import { type SmsSimulator, startSmsSimulator } from '../integrations/sms/simulator.js';
import { CountersWorker } from '../modules/monitoring/counters.js';
import { emailChannel, postalChannel, smsChannel } from './channels.js';
import type { OutboxConfig } from './config.js';
import { type Deliver, OutboxWorker } from './worker.js';

export interface OutboxRuntime {
  worker: OutboxWorker | null;
  /** The day counters' worker (modules/monitoring/counters.ts). */
  counters: CountersWorker | null;
  /** The local SMS gateway, when SMS_ADAPTER=simulator. */
  smsSimulator: SmsSimulator | null;
  /** The local postal carrier, when POSTAL_ADAPTER=simulator. */
  postalSimulator: PostalSimulator | null;
  channels: string[];
  /** Finishes the batch in flight, then closes the adapters. */
  stop(): Promise<void>;
}

export async function startOutbox(
  db: Db,
  config: OutboxConfig,
  opts: {
    listenUrl?: string | null;
    log?: (msg: string) => void;
    /** config.ts's `postal` (loadPostalConfig); absent: no postal channel in this process. */
    postal?: PostalConfig | null;
    /**
     * Channels that deliver inside MotCua itself: work queued in a transaction to run after it
     * commits (the `recalculate` channel of a calendar change, modules/dossiers/recalculate.ts).
     */
    internal?: Record<string, Deliver>;
  } = {},
): Promise<OutboxRuntime> {
  const say = opts.log ?? (() => {});
  if (!config.worker) {
    say('outbox worker: off in this process (OUTBOX_WORKER=false)');
    return {
      worker: null,
      counters: null,
      smsSimulator: null,
      postalSimulator: null,
      channels: [],
      stop: async () => {},
    };
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

  let postalSimulator: PostalSimulator | null = null;
  let postal: PostalSender | null = null;
  const pc = opts.postal ?? null;
  if (pc?.adapter === 'simulator') {
    postalSimulator = await startPostalSimulator({ log: (m) => say(`postal simulator: ${m}`) });
    postal = postalSimulator.sender({ timeoutMs: pc.timeoutMs });
    say(`postal: local simulator at ${postalSimulator.url}/orders`);
  } else if (pc?.adapter === 'http' && pc.url) {
    postal = createHttpPostalSender({ url: pc.url, token: pc.token, timeoutMs: pc.timeoutMs });
    await postal
      .verify()
      .then(() => say(`postal: carrier ${pc.url} ready`))
      .catch((e: Error) => say(`postal: carrier check failed (${e.message}); orders will be retried`));
  } else {
    say(
      pc
        ? 'postal: POSTAL_ADAPTER=none; results returned by post stay queued'
        : 'postal: not configured in this process; results returned by post stay queued',
    );
  }
  if (postal) channels.postal = postalChannel(postal);
  for (const [name, deliver] of Object.entries(opts.internal ?? {})) channels[name] = deliver;

  const worker = new OutboxWorker({
    db,
    channels,
    ...config.settings,
    listenUrl: opts.listenUrl ?? null,
    log: (_level, m) => say(m),
  });
  worker.start();
  const counters = new CountersWorker({ db, ...config.counters, log: (_level, m) => say(m) });
  counters.start();
  return {
    worker,
    counters,
    smsSimulator,
    postalSimulator,
    channels: Object.keys(channels),
    async stop() {
      await Promise.all([worker.stop(), counters.stop()]);
      email?.close();
      await smsSimulator?.close();
      await postalSimulator?.close();
    },
  };
}
