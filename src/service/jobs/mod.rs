//! Background work on a schedule: the deadline sweeper. (The recurrence pass lives with the
//! recurrence rules, the idempotency purge with the keys, and webhook delivery with webhooks.)

pub mod sweeper;
