-- The tracker's state: what it read of the topics (offsets), the alert versions it knows, the
-- figures of every alert version and channel, the task states they are counted from, the dead
-- letters and quarantined records (metadata only), and the audit of replays and look-ups.
-- Everything of one checkpoint is written in one transaction, offsets included: after a crash
-- the tracker goes on from exactly what it had counted.

create table tracker_offsets (
  topic       text    not null,
  partition   integer not null,
  next_offset bigint  not null,
  primary key (topic, partition)
);

create table alert_versions (
  alert_id         text        not null,
  version          integer     not null,
  identifier       text,
  sender           text,
  status           text        not null,
  msg_type         text        not null,
  severity         text        not null,
  event            text,
  headline         text,
  area_description text,
  zone_ids         text[]      not null,
  channels         text[]      not null,
  sent             timestamptz not null,
  expires          timestamptz not null,
  published_at     timestamptz not null,
  primary key (alert_id, version)
);

create table series_figures (
  alert_id   text        not null,
  version    integer     not null,
  channel    text        not null,
  figures    bytea       not null,
  updated_at timestamptz not null,
  primary key (alert_id, version, channel)
);

-- Task states of a series, in blobs: a later sequence number overrides an earlier one for a
-- task; a blob holding every task of the series replaces all older ones.
create table series_task_states (
  alert_id text    not null,
  version  integer not null,
  channel  text    not null,
  seq      bigint  not null,
  full_set boolean not null,
  states   bytea   not null,
  primary key (alert_id, version, channel, seq)
);

create sequence series_task_states_seq;

-- A dead letter: where it is on its dead-letter topic (the task itself, which holds the contact,
-- stays there), what it was and why it failed.
create table dead_letters (
  topic              text        not null,
  partition          integer     not null,
  record_offset      bigint      not null,
  channel            text        not null,
  task_id            text        not null,
  alert_id           text,
  alert_version      integer     not null,
  lane               text        not null,
  original_topic     text,
  error_code         text,
  reason             text,
  dead_lettered_at   timestamptz not null,
  replayed_by        uuid,
  primary key (topic, partition, record_offset)
);

create index dead_letters_by_alert on dead_letters (alert_id, alert_version, channel);

create table replays (
  id             uuid        primary key,
  requested_at   timestamptz not null,
  issuer         text        not null,
  subject        text        not null,
  person         text        not null,
  reason         text        not null,
  selection      text        not null,
  replayed       integer     not null,
  refused        integer     not null
);

create table replay_items (
  replay_id     uuid    not null references replays (id),
  topic         text    not null,
  partition     integer not null,
  record_offset bigint  not null,
  task_id       text    not null,
  outcome       text    not null,
  primary key (replay_id, topic, partition, record_offset)
);

create table quarantined_records (
  partition        integer     not null,
  record_offset    bigint      not null,
  source_topic     text,
  source_partition integer,
  source_offset    bigint,
  consumer         text,
  reason           text,
  error_type       text,
  quarantined_at   timestamptz not null,
  primary key (partition, record_offset)
);

create table lookups (
  id             uuid        primary key,
  looked_up_at   timestamptz not null,
  issuer         text        not null,
  subject        text        not null,
  person         text        not null,
  alert_id       text        not null,
  channel        text        not null,
  masked_contact text        not null,
  found          boolean     not null
);
