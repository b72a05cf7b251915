-- The outbox: everything MotCua tells the outside world (notifications by e-mail and SMS now;
-- national-portal sync, postal orders and webhooks later) is written here in the transaction of the
-- action it reports, and delivered afterwards by workers (src/jobs/worker.ts). A rolled-back action
-- therefore never notifies anyone, and a committed one is delivered at least once.
--
-- Life of a message:
--   pending ──delivered──▶ delivered
--      │  ▲
--      │  └── failure with attempts left: next_attempt_at = now() + back-off
--      └───── permanent failure, or attempts used up ──▶ dead ──(administrator retry)──▶ pending
--
-- A worker claims a due pending row by setting claim_token and pushing next_attempt_at past the
-- lease (a visibility timeout): the row stays 'pending', invisible to other workers until then. If
-- the worker dies, the lease runs out and the row is claimed again; no sweeper is needed.
CREATE TABLE outbox_messages (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id       integer NOT NULL REFERENCES tenants (id),
  -- the adapter that delivers it: 'email', 'sms', later 'national_portal', 'postal', 'webhook'
  channel         text NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_]{1,39}$'),
  -- what happened, e.g. 'dossier.accepted'
  topic           text NOT NULL CHECK (length(topic) BETWEEN 1 AND 100),
  -- an e-mail address, a phone number, a URL: whatever the channel addresses
  recipient       text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
  -- the rendered content, stored so the record shows exactly what was sent
  payload         jsonb NOT NULL,
  -- chosen by the writer (e.g. the dossier action's request id + channel): a retried action
  -- cannot enqueue twice; also handed to providers so they can drop duplicates of a redelivery
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  -- what the message is about, for finding a dossier's messages
  ref_type        text,
  ref_id          text,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  -- claims so far, including those whose worker died
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- due time of a pending row; while claimed, the end of the claim's lease
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token     uuid,
  claimed_at      timestamptz,
  last_error      text,
  -- the provider's id for the delivered message (SMTP queue id, SMS gateway id)
  provider_id     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  dead_at         timestamptz,
  UNIQUE (tenant_id, idempotency_key),
  CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
  CHECK ((state = 'dead') = (dead_at IS NOT NULL)),
  CHECK (state = 'pending' OR claim_token IS NULL)
);
-- what the workers poll: small, because delivered and dead rows leave it
CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at, id) WHERE state = 'pending';
-- the administrators' lists, newest first, within one deployment
CREATE INDEX outbox_messages_admin ON outbox_messages (tenant_id, state, id DESC);
CREATE INDEX outbox_messages_ref ON outbox_messages (tenant_id, ref_type, ref_id) WHERE ref_id IS NOT NULL;

-- Wake sleeping workers when a message becomes pending. NOTIFY is sent at commit (never for a
-- rolled-back insert) and collapsed per transaction and payload, so a bulk insert wakes them once.
CREATE FUNCTION outbox_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('motcua_outbox', NEW.channel);
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_messages_notify_ai AFTER INSERT ON outbox_messages
  FOR EACH ROW EXECUTE FUNCTION outbox_messages_notify();
CREATE TRIGGER outbox_messages_notify_au AFTER UPDATE OF state ON outbox_messages
  FOR EACH ROW WHEN (OLD.state <> 'pending' AND NEW.state = 'pending')
  EXECUTE FUNCTION outbox_messages_notify();
