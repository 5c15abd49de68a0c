//! One integration-test binary: the real `paycli` against real servers on 127.0.0.1.

mod common;

mod browser;
mod cashy;
mod config;
mod general;
mod journal;
mod network;
mod paycools;
mod payfect;
mod sandbox;
mod webhooks;
mod zenospay;
