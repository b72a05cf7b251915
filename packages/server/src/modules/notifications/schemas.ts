import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';
import { OUTBOX_STATES } from '../../jobs/outbox.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const OutboxQuery = Type.Object({
  state: Type.Optional(
    StringEnum(OUTBOX_STATES, { description: 'dead (the default), pending or delivered' }),
  ),
  channel: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', examples: ['email', 'sms'] })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const OutboxParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const OutboxItem = Type.Object(
  {
    id: Type.Integer(),
    channel: Type.String(),
    topic: Type.String({ examples: ['dossier.accepted'] }),
    recipient: Type.String(),
    state: StringEnum(OUTBOX_STATES),
    attempts: Type.Integer(),
    nextAttemptAt: Type.String({ format: 'date-time' }),
    lastError: Nullable(Type.String()),
    ref: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    summary: Nullable(Type.String({ description: 'E-mail subject or the start of the SMS' })),
    createdAt: Type.String({ format: 'date-time' }),
    deliveredAt: Nullable(Type.String({ format: 'date-time' })),
    deadAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'OutboxMessage' },
);

export const OutboxPage = Type.Object({ items: Type.Array(OutboxItem), total: Type.Integer() });
