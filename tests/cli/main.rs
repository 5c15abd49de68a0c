//! One integration-test binary: the real `paycli` against real servers on 127.0.0.1.

mod common;
#[path = "../support/pg_cluster.rs"]
mod pg_cluster;

mod bad_input;
mod bad_input_io;
mod bad_input_trust;
mod browser;
mod cashy;
mod config;
mod doctor;
mod escapes;
mod flags;
mod general;
mod hostile;
mod journal;
mod journal_shared;
mod json_shape;
mod leaks;
mod network;
mod output;
mod paycools;
mod payfect;
mod receiver;
mod requery;
mod safe_create;
mod sandbox;
mod transitions;
mod webhooks;
mod zenospay;
mod zenospay_timestamps;
